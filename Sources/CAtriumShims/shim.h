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

/// Starts writeback of a file range without waiting for it (Linux sync_file_range with
/// SYNC_FILE_RANGE_WRITE), so the final fsync has little left to do. Errors (FUSE, SMB) are harmless.
static inline int atrium_start_writeback(int fd, long long offset, long long length) {
#ifdef SYNC_FILE_RANGE_WRITE
    return sync_file_range(fd, offset, length, SYNC_FILE_RANGE_WRITE);
#else
    (void)fd; (void)offset; (void)length;
    return 0;
#endif
}

/// open(2) with a mode: Swift cannot call the variadic libc function directly.
static inline int atrium_openat(int dirfd, const char *path, int flags, mode_t mode) {
    return openat(dirfd, path, flags | O_CLOEXEC, mode);
}
#endif

