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
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

/// Starts `path` with `argv`/`envp` in `cwd`, in a new process group of its own, stdin from
/// /dev/null, stdout and stderr to `out_fd`, every other descriptor closed, signal dispositions
/// and mask reset, and the given resource limits (soft = hard) set before exec. Only
/// async-signal-safe system calls run between vfork and exec. Returns the pid, or -1 with `*error_out`
/// set to the errno of whatever failed (in the child: chdir, setrlimit or execve).
static inline pid_t atrium_spawn(const char *path, char *const argv[], char *const envp[], const char *cwd, int out_fd,
                                 const int *limit_resources, const unsigned long long *limit_values, int limit_count,
                                 int *error_out) {
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
        int devnull = open("/dev/null", O_RDONLY);
        if (devnull < 0 || dup2(devnull, 0) < 0 || dup2(out_fd, 1) < 0 || dup2(out_fd, 2) < 0) goto fail;
        for (int i = 0; i < limit_count; i++) {
            struct rlimit limit = { (rlim_t)limit_values[i], (rlim_t)limit_values[i] };
            if (setrlimit(limit_resources[i], &limit) != 0) goto fail;
        }
        if (chdir(cwd) != 0) goto fail;
        int keep = errpipe[1];
#ifdef SYS_close_range
        if (keep > 3) syscall(SYS_close_range, 3, keep - 1, 0);
        syscall(SYS_close_range, keep + 1, ~0U, 0);
#endif
        execve(path, argv, envp);
    fail:;
        int e = errno;
        ssize_t ignored = write(errpipe[1], &e, sizeof e);
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

/// pidfd_open(2): a descriptor that polls readable when the process exits (Linux 5.3+).
static inline int atrium_pidfd_open(pid_t pid) {
#ifdef SYS_pidfd_open
    return (int)syscall(SYS_pidfd_open, pid, 0);
#else
    errno = ENOSYS;
    return -1;
#endif
}

static inline int atrium_wifexited(int status) { return WIFEXITED(status); }
static inline int atrium_wexitstatus(int status) { return WEXITSTATUS(status); }
static inline int atrium_wifsignaled(int status) { return WIFSIGNALED(status); }
static inline int atrium_wtermsig(int status) { return WTERMSIG(status); }
#endif
