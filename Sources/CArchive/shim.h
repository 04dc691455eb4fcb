#ifndef ATRIUM_CARCHIVE_SHIM_H
#define ATRIUM_CARCHIVE_SHIM_H
#include <archive.h>
#include <archive_entry.h>
// AE_IF* are cast macros Swift cannot import (DESIGN §8): re-export them as constants.
static const unsigned int ATRIUM_AE_IFMT = AE_IFMT;
static const unsigned int ATRIUM_AE_IFREG = AE_IFREG;
static const unsigned int ATRIUM_AE_IFDIR = AE_IFDIR;
static const unsigned int ATRIUM_AE_IFLNK = AE_IFLNK;
static const unsigned int ATRIUM_AE_IFCHR = AE_IFCHR;
static const unsigned int ATRIUM_AE_IFBLK = AE_IFBLK;
static const unsigned int ATRIUM_AE_IFIFO = AE_IFIFO;
static const unsigned int ATRIUM_AE_IFSOCK = AE_IFSOCK;
#endif
