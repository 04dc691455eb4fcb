#ifndef ATRIUM_SHIMS_H
#define ATRIUM_SHIMS_H
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1
#endif
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

/// rename(2) that never replaces an existing target. Returns -1 with errno EEXIST when the
/// target exists, or EINVAL/ENOSYS where the file system (FUSE 2, SMB) cannot do it.
static inline int atrium_rename_noreplace(int olddirfd, const char *oldpath, int newdirfd, const char *newpath) {
#ifdef SYS_renameat2
    return (int)syscall(SYS_renameat2, olddirfd, oldpath, newdirfd, newpath, 1 /* RENAME_NOREPLACE */);
#else
    errno = ENOSYS;
    return -1;
#endif
}

/// open(2) with a mode: Swift cannot call the variadic libc function directly.
static inline int atrium_openat(int dirfd, const char *path, int flags, mode_t mode) {
    return openat(dirfd, path, flags | O_CLOEXEC, mode);
}
#endif
