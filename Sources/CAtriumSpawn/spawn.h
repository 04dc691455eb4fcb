#ifndef ATRIUM_SPAWN_H
#define ATRIUM_SPAWN_H
// Deliberately without _GNU_SOURCE (unlike CAtriumShims): these headers (sys/resource.h,
// sys/wait.h) define types differently under it, and Swift's Glibc module sees them without it;
// two definitions of one type in two modules do not build.
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/// The descriptor number `atrium_spawn` gives its `pass_fd` in the new process.
#define ATRIUM_SPAWN_PASSED_FD 3

/// Starts `path` with `argv`/`envp` in `cwd`, in a new process group of its own, stdin from
/// /dev/null, stdout and stderr to `out_fd`, every other descriptor closed (except `pass_fd`, when
/// not -1, which the new process gets as descriptor ATRIUM_SPAWN_PASSED_FD), signal dispositions
/// and mask reset, and the given resource limits (soft = hard) set before exec. Before exec the
/// child also joins the cgroups whose `cgroup.procs` files are open as `join_fds` (by writing "0").
/// Only async-signal-safe system calls run between vfork and exec. Returns the pid, or -1 with
/// `*error_out` set to the errno of whatever failed (in the child: chdir, setrlimit, the cgroup
/// write or execve).
static inline pid_t atrium_spawn(const char *path, char *const argv[], char *const envp[], const char *cwd, int out_fd,
                                 const int *limit_resources, const unsigned long long *limit_values, int limit_count,
                                 int pass_fd, const int *join_fds, int join_count, int *error_out) {
    int errpipe[2];
    if (syscall(SYS_pipe2, errpipe, O_CLOEXEC) != 0) { *error_out = errno; return -1; }
    // vfork: the parent waits until the child has exec'd (or _exited), without copying the
    // gateway's page tables (fork of a large gateway took ~3 ms). The child only makes system
    // calls on its own stack frame and never returns from this function, as vfork requires;
    // signal dispositions are not shared (no CLONE_SIGHAND), so resetting them is the child's.
    pid_t pid = vfork();
    if (pid < 0) {
        *error_out = errno;
        close(errpipe[0]);
        close(errpipe[1]);
        return -1;
    }
    if (pid == 0) {
        struct sigaction dfl;
        memset(&dfl, 0, sizeof dfl);
        dfl.sa_handler = SIG_DFL;
        for (int s = 1; s < NSIG; s++) { if (s != SIGKILL && s != SIGSTOP) sigaction(s, &dfl, NULL); }
        sigset_t none;
        sigemptyset(&none);
        sigprocmask(SIG_SETMASK, &none, NULL);
        setpgid(0, 0);
        // The error pipe's write end, moved off the passed descriptor's number when it holds it.
        // (A variable of the child's own: the parent still reads errpipe after vfork returns.)
        int report = errpipe[1];
        int devnull = open("/dev/null", O_RDONLY);
        if (devnull < 0 || dup2(devnull, 0) < 0 || dup2(out_fd, 1) < 0 || dup2(out_fd, 2) < 0) goto fail;
        for (int i = 0; i < limit_count; i++) {
            struct rlimit limit = { (rlim_t)limit_values[i], (rlim_t)limit_values[i] };
            if (setrlimit(limit_resources[i], &limit) != 0) goto fail;
        }
        for (int i = 0; i < join_count; i++) {
            if (write(join_fds[i], "0", 1) != 1) goto fail;
        }
        if (chdir(cwd) != 0) goto fail;
        int first_closed = 3;
        if (pass_fd >= 0) {
            if (report == ATRIUM_SPAWN_PASSED_FD) {
                int moved = fcntl(report, F_DUPFD_CLOEXEC, ATRIUM_SPAWN_PASSED_FD + 1);
                if (moved < 0) goto fail;
                report = moved;
            }
            // dup2 onto the same number keeps close-on-exec: clear it either way.
            if (dup2(pass_fd, ATRIUM_SPAWN_PASSED_FD) < 0 || fcntl(ATRIUM_SPAWN_PASSED_FD, F_SETFD, 0) != 0) goto fail;
            first_closed = ATRIUM_SPAWN_PASSED_FD + 1;
        }
#ifdef SYS_close_range
        if (report > first_closed) syscall(SYS_close_range, first_closed, report - 1, 0);
        syscall(SYS_close_range, report + 1, ~0U, 0);
#endif
        execve(path, argv, envp);
    fail:;
        int e = errno;
        ssize_t ignored = write(report, &e, sizeof e);
        (void)ignored;
        _exit(127);
    }
    close(errpipe[1]);
    setpgid(pid, pid);
    int e = 0;
    ssize_t n;
    do { n = read(errpipe[0], &e, sizeof e); } while (n < 0 && errno == EINTR);
    close(errpipe[0]);
    if (n == (ssize_t)sizeof e) {
        int status;
        while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
        *error_out = e;
        return -1;
    }
    return pid;
}

/// pipe2(2) with O_CLOEXEC (pipe2 itself is declared only under _GNU_SOURCE).
static inline int atrium_pipe_cloexec(int fds[2]) {
    return (int)syscall(SYS_pipe2, fds, O_CLOEXEC);
}

/// memfd_create(2) with MFD_CLOEXEC (declared only under _GNU_SOURCE).
static inline int atrium_memfd(const char *name) {
#ifdef SYS_memfd_create
    return (int)syscall(SYS_memfd_create, name, 1U /* MFD_CLOEXEC */);
#else
    errno = ENOSYS;
    return -1;
#endif
}

/// pidfd_open(2): a descriptor that polls readable when the process exits (Linux 5.3+).
static inline int atrium_pidfd_open(pid_t pid) {
#ifdef SYS_pidfd_open
    return (int)syscall(SYS_pidfd_open, pid, 0);
#else
    errno = ENOSYS;
    return -1;
#endif
}

/// The work guard (see WorkGuard.swift): a forked child, never exec'd, that only makes
/// async-signal-safe calls (poll, read, kill, clock_gettime, _exit). It reads 32-bit commands from
/// the pipe whose write end the node keeps: > 0 watches that process group, < 0 forgets it, 0
/// renews the guard for `timeout_ms`, INT32_MIN ends the guard quietly. When no renewal came for
/// `timeout_ms` (the node is paused, hung, or cut off from the catalog) it SIGKILLs every watched
/// group and forgets them; at end of file (the node died) it does the same and exits. So a node
/// that others may already have declared dead never keeps a runtime running.
#define ATRIUM_GUARD_MAX 8192
#define ATRIUM_GUARD_QUIT ((int)(-2147483647 - 1))

static inline long long atrium_guard_now_ms(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static inline void atrium_guard_kill_all(int *groups, int *count) {
    for (int i = 0; i < *count; i++) kill(-groups[i], SIGKILL);
    *count = 0;
}

static inline void atrium_guard_loop(int fd, int timeout_ms) {
    static int groups[ATRIUM_GUARD_MAX];
    int count = 0;
    long long deadline = atrium_guard_now_ms() + timeout_ms;
    unsigned char buffer[4];
    int have = 0;
    for (;;) {
        long long left = deadline - atrium_guard_now_ms();
        struct pollfd p = { fd, POLLIN, 0 };
        // Past the deadline, commands already in the pipe still count (the guard itself may
        // have waited for a CPU): poll without waiting, and kill only when none is there.
        int ready = poll(&p, 1, left > 0 ? (int)left : 0);
        if (ready == 0 && left <= 0) {
            atrium_guard_kill_all(groups, &count);
            deadline = atrium_guard_now_ms() + timeout_ms;
            continue;
        }
        if (ready < 0) {
            if (errno == EINTR) continue;
            atrium_guard_kill_all(groups, &count);
            _exit(1);
        }
        if (ready == 0) continue;
        ssize_t n = read(fd, buffer + have, (size_t)(4 - have));
        if (n < 0) {
            if (errno == EINTR || errno == EAGAIN) continue;
            atrium_guard_kill_all(groups, &count);
            _exit(1);
        }
        if (n == 0) {
            atrium_guard_kill_all(groups, &count);
            _exit(0);
        }
        have += (int)n;
        if (have < 4) continue;
        have = 0;
        int command;
        memcpy(&command, buffer, 4);
        if (command == ATRIUM_GUARD_QUIT) _exit(0);
        if (command == 0) {
            deadline = atrium_guard_now_ms() + timeout_ms;
        } else if (command > 0) {
            if (count < ATRIUM_GUARD_MAX) groups[count++] = command;
        } else {
            for (int i = 0; i < count; i++) {
                if (groups[i] == -command) { groups[i] = groups[--count]; break; }
            }
        }
    }
}

/// Forks the work guard; returns its pid and the command pipe's write end (close-on-exec) in
/// `*write_fd`, or -1 with `*error_out`. The guard ignores SIGINT, SIGTERM, SIGHUP and SIGPIPE
/// and leaves the node's process group, so a terminal's Ctrl-C stops the node, not its guard.
static inline pid_t atrium_guard_start(int timeout_ms, int *write_fd, int *error_out) {
    int fds[2];
    if (syscall(SYS_pipe2, fds, O_CLOEXEC) != 0) { *error_out = errno; return -1; }
    pid_t pid = fork();
    if (pid < 0) {
        *error_out = errno;
        close(fds[0]);
        close(fds[1]);
        return -1;
    }
    if (pid == 0) {
        struct sigaction action;
        memset(&action, 0, sizeof action);
        action.sa_handler = SIG_DFL;
        for (int s = 1; s < NSIG; s++) { if (s != SIGKILL && s != SIGSTOP) sigaction(s, &action, NULL); }
        action.sa_handler = SIG_IGN;
        sigaction(SIGINT, &action, NULL);
        sigaction(SIGTERM, &action, NULL);
        sigaction(SIGHUP, &action, NULL);
        sigaction(SIGPIPE, &action, NULL);
        sigset_t none;
        sigemptyset(&none);
        sigprocmask(SIG_SETMASK, &none, NULL);
        setpgid(0, 0);
        prctl(PR_SET_NAME, (unsigned long)"atrium-guard", 0, 0, 0);
        int keep = fds[0];
        if (keep > 0) syscall(SYS_close_range, 0, keep - 1, 0);
        syscall(SYS_close_range, keep + 1, ~0U, 0);
        atrium_guard_loop(keep, timeout_ms);
        _exit(0);
    }
    close(fds[0]);
    *write_fd = fds[1];
    return pid;
}

static inline int atrium_wifexited(int status) { return WIFEXITED(status); }
static inline int atrium_wexitstatus(int status) { return WEXITSTATUS(status); }
static inline int atrium_wifsignaled(int status) { return WIFSIGNALED(status); }
static inline int atrium_wtermsig(int status) { return WTERMSIG(status); }
#endif
