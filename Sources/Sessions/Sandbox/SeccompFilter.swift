import CAtriumSpawn
import CSeccomp
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The sandbox's system-call filter: everything is allowed except what a runtime never needs
/// and what would help it out of the sandbox or into the kernel, which fails with EPERM. Built
/// once (libseccomp, exported as a classic BPF program); every launch gets it in a fresh memfd
/// for bwrap's `--seccomp` (bwrap reads it to the end, so one descriptor serves one launch).
/// setuid/setgid/setgroups/capset/prctl stay allowed: setpriv, which runs under the filter, needs
/// them to drop to the session's uid; after that the process has no capabilities to use them with.
public enum SeccompFilter {
    /// Refused with EPERM whatever their arguments.
    public static let refused = [
        "ptrace", "process_vm_readv", "process_vm_writev",
        "mount", "umount2", "pivot_root", "move_mount", "open_tree", "fsopen", "fsmount", "fsconfig", "fspick",
        "mount_setattr", "chroot",
        "keyctl", "add_key", "request_key",
        "kexec_load", "kexec_file_load",
        "init_module", "finit_module", "delete_module",
        "bpf", "perf_event_open", "unshare", "setns",
        "swapon", "swapoff", "reboot", "acct", "quotactl", "quotactl_fd", "userfaultfd",
        "iopl", "ioperm", "lookup_dcookie", "open_by_handle_at", "name_to_handle_at",
        "syslog", "settimeofday", "clock_settime", "clock_adjtime", "adjtimex", "sethostname", "setdomainname",
        "vhangup", "nfsservctl", "uselib", "_sysctl",
    ]

    /// The program, or why libseccomp could not make it.
    static let program: Result<[UInt8], SessionError> = build()

    /// A new memfd holding the program, positioned at its start; the caller closes it.
    public static func descriptor() throws -> Int32 {
        let bytes = try program.get()
        let fd = atrium_memfd("atrium-seccomp")
        guard fd >= 0 else { throw SessionError.spawnFailed("memfd_create: \(String(cString: strerror(errno)))") }
        let written = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        guard written == bytes.count, lseek(fd, 0, SEEK_SET) == 0 else {
            let why = String(cString: strerror(errno))
            close(fd)
            throw SessionError.spawnFailed("writing the seccomp program: \(why)")
        }
        return fd
    }

    private static func build() -> Result<[UInt8], SessionError> {
        guard let context = seccomp_init(atrium_scmp_act_allow()) else { return .failure(.spawnFailed("seccomp_init failed")) }
        defer { seccomp_release(context) }
        let eperm = atrium_scmp_act_errno(UInt16(EPERM))
        for name in refused {
            let number = seccomp_syscall_resolve_name(name)
            guard number != __NR_SCMP_ERROR else { continue }  // not a system call of this architecture
            let status = seccomp_rule_add_array(context, eperm, number, 0, nil)
            guard status == 0 else { return .failure(.spawnFailed("seccomp rule for \(name): \(String(cString: strerror(-status)))")) }
        }
        // New namespaces through clone: refused (a user namespace is the one an unprivileged
        // process could make). clone3 passes its flags in memory a filter cannot read, so it
        // gets ENOSYS and the C library falls back to clone.
        let namespaces: UInt64 = 0x1000_0000 | 0x0002_0000 | 0x2000_0000 | 0x0400_0000 | 0x0800_0000 | 0x4000_0000 | 0x0200_0000 | 0x0000_0080
        // CLONE_NEWUSER, CLONE_NEWNS, CLONE_NEWPID, CLONE_NEWUTS, CLONE_NEWIPC, CLONE_NEWNET, CLONE_NEWCGROUP, CLONE_NEWTIME
        for bit in stride(from: 0, to: 64, by: 1) where namespaces & (1 << UInt64(bit)) != 0 {
            var compare = scmp_arg_cmp(arg: 0, op: SCMP_CMP_MASKED_EQ, datum_a: 1 << UInt64(bit), datum_b: 1 << UInt64(bit))
            let status = seccomp_rule_add_array(context, eperm, seccomp_syscall_resolve_name("clone"), 1, &compare)
            guard status == 0 else { return .failure(.spawnFailed("seccomp rule for clone: \(String(cString: strerror(-status)))")) }
        }
        let clone3 = seccomp_syscall_resolve_name("clone3")
        if clone3 != __NR_SCMP_ERROR {
            _ = seccomp_rule_add_array(context, atrium_scmp_act_errno(UInt16(ENOSYS)), clone3, 0, nil)
        }
        // personality: only the default (PER_LINUX, 0), as Flatpak does; no ADDR_NO_RANDOMIZE,
        // READ_IMPLIES_EXEC and the like (even the query, 0xffffffff, fails).
        var other = scmp_arg_cmp(arg: 0, op: SCMP_CMP_NE, datum_a: 0, datum_b: 0)
        let personality = seccomp_rule_add_array(context, eperm, seccomp_syscall_resolve_name("personality"), 1, &other)
        guard personality == 0 else { return .failure(.spawnFailed("seccomp rule for personality: \(String(cString: strerror(-personality)))")) }
        let fd = atrium_memfd("atrium-seccomp-build")
        guard fd >= 0 else { return .failure(.spawnFailed("memfd_create: \(String(cString: strerror(errno)))")) }
        defer { close(fd) }
        let exported = seccomp_export_bpf(context, fd)
        guard exported == 0 else { return .failure(.spawnFailed("seccomp_export_bpf: \(String(cString: strerror(-exported)))")) }
        let size = lseek(fd, 0, SEEK_END)
        guard size > 0, lseek(fd, 0, SEEK_SET) == 0 else { return .failure(.spawnFailed("the seccomp program is empty")) }
        var bytes = [UInt8](repeating: 0, count: Int(size))
        let read = bytes.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
        guard read == Int(size) else { return .failure(.spawnFailed("reading the seccomp program back failed")) }
        return .success(bytes)
    }
}
