#ifndef ATRIUM_SECCOMP_SHIM_H
#define ATRIUM_SECCOMP_SHIM_H
// libseccomp (Debian libseccomp-dev) for the sandbox's system-call filter. Its action macros
// take arguments, which Swift does not import: these wrappers give them as functions.
#include <seccomp.h>
#include <stdint.h>

static inline uint32_t atrium_scmp_act_errno(uint16_t error) { return SCMP_ACT_ERRNO(error); }
static inline uint32_t atrium_scmp_act_allow(void) { return SCMP_ACT_ALLOW; }
#endif
