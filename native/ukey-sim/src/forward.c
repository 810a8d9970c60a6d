/*
 * The calls the simulator does not change: each checks that the session's token was not pulled
 * out, then goes to the backend unchanged. One line per call; the wrappers that add behaviour
 * are written out in ukeysim.c (PINs, signing, slots) and sm2.c (SM2 key objects).
 */
#include "sim.h"

#define SESSION_CALLS(X)                                                                          \
  X(C_GetSessionInfo, (CK_SESSION_HANDLE h, CK_SESSION_INFO_PTR a), (h, a))                       \
  X(C_GetOperationState, (CK_SESSION_HANDLE h, CK_BYTE_PTR a, CK_ULONG_PTR b), (h, a, b))         \
  X(C_SetOperationState,                                                                          \
    (CK_SESSION_HANDLE h, CK_BYTE_PTR a, CK_ULONG b, CK_OBJECT_HANDLE c, CK_OBJECT_HANDLE d),     \
    (h, a, b, c, d))                                                                              \
  X(C_Logout, (CK_SESSION_HANDLE h), (h))                                                         \
  X(C_CreateObject, (CK_SESSION_HANDLE h, CK_ATTRIBUTE_PTR a, CK_ULONG b, CK_OBJECT_HANDLE_PTR c), \
    (h, a, b, c))                                                                                 \
  X(C_CopyObject,                                                                                 \
    (CK_SESSION_HANDLE h, CK_OBJECT_HANDLE a, CK_ATTRIBUTE_PTR b, CK_ULONG c,                     \
     CK_OBJECT_HANDLE_PTR d),                                                                     \
    (h, a, b, c, d))                                                                              \
  X(C_GetObjectSize, (CK_SESSION_HANDLE h, CK_OBJECT_HANDLE a, CK_ULONG_PTR b), (h, a, b))        \
  X(C_SetAttributeValue, (CK_SESSION_HANDLE h, CK_OBJECT_HANDLE a, CK_ATTRIBUTE_PTR b, CK_ULONG c), \
    (h, a, b, c))                                                                                 \
  X(C_EncryptInit, (CK_SESSION_HANDLE h, CK_MECHANISM_PTR a, CK_OBJECT_HANDLE b), (h, a, b))      \
  X(C_Encrypt, (CK_SESSION_HANDLE h, CK_BYTE_PTR a, CK_ULONG b, CK_BYTE_PTR c, CK_ULONG_PTR d),   \
    (h, a, b, c, d))                                                                              \
  X(C_EncryptUpdate,                                                                              \
    (CK_SESSION_HANDLE h, CK_BYTE_PTR a, CK_ULONG b, CK_BYTE_PTR c, CK_ULONG_PTR d),              \
    (h, a, b, c, d))                                                                              \
  X(C_EncryptFinal, (CK_SESSION_HANDLE h, CK_BYTE_PTR a, CK_ULONG_PTR b), (h, a, b))              \
  X(C_DecryptInit, (CK_SESSION_HANDLE h, CK_MECHANISM_PTR a, CK_OBJECT_HANDLE b), (h, a, b))      \
  X(C_Decrypt, (CK_SESSION_HANDLE h, CK_BYTE_PTR a, CK_ULONG b, CK_BYTE_PTR c, CK_ULONG_PTR d),   \
    (h, a, b, c, d))                                                                              \
  X(C_DecryptUpdate,                                                                              \
    (CK_SESSION_HANDLE h, CK_BYTE_PTR a, CK_ULONG b, CK_BYTE_PTR c, CK_ULONG_PTR d),              \
    (h, a, b, c, d))                                                                              \
  X(C_DecryptFinal, (CK_SESSION_HANDLE h, CK_BYTE_PTR a, CK_ULONG_PTR b), (h, a, b))              \
  X(C_DigestInit, (CK_SESSION_HANDLE h, CK_MECHANISM_PTR a), (h, a))                              \
  X(C_Digest, (CK_SESSION_HANDLE h, CK_BYTE_PTR a, CK_ULONG b, CK_BYTE_PTR c, CK_ULONG_PTR d),    \
    (h, a, b, c, d))                                                                              \
  X(C_DigestUpdate, (CK_SESSION_HANDLE h, CK_BYTE_PTR a, CK_ULONG b), (h, a, b))                  \
  X(C_DigestKey, (CK_SESSION_HANDLE h, CK_OBJECT_HANDLE a), (h, a))                               \
  X(C_DigestFinal, (CK_SESSION_HANDLE h, CK_BYTE_PTR a, CK_ULONG_PTR b), (h, a, b))               \
  X(C_SignRecoverInit, (CK_SESSION_HANDLE h, CK_MECHANISM_PTR a, CK_OBJECT_HANDLE b), (h, a, b))  \
  X(C_SignRecover,                                                                                \
    (CK_SESSION_HANDLE h, CK_BYTE_PTR a, CK_ULONG b, CK_BYTE_PTR c, CK_ULONG_PTR d),              \
    (h, a, b, c, d))                                                                              \
  X(C_VerifyInit, (CK_SESSION_HANDLE h, CK_MECHANISM_PTR a, CK_OBJECT_HANDLE b), (h, a, b))       \
  X(C_Verify, (CK_SESSION_HANDLE h, CK_BYTE_PTR a, CK_ULONG b, CK_BYTE_PTR c, CK_ULONG d),        \
    (h, a, b, c, d))                                                                              \
  X(C_VerifyUpdate, (CK_SESSION_HANDLE h, CK_BYTE_PTR a, CK_ULONG b), (h, a, b))                  \
  X(C_VerifyFinal, (CK_SESSION_HANDLE h, CK_BYTE_PTR a, CK_ULONG b), (h, a, b))                   \
  X(C_VerifyRecoverInit, (CK_SESSION_HANDLE h, CK_MECHANISM_PTR a, CK_OBJECT_HANDLE b),           \
    (h, a, b))                                                                                    \
  X(C_VerifyRecover,                                                                              \
    (CK_SESSION_HANDLE h, CK_BYTE_PTR a, CK_ULONG b, CK_BYTE_PTR c, CK_ULONG_PTR d),              \
    (h, a, b, c, d))                                                                              \
  X(C_DigestEncryptUpdate,                                                                        \
    (CK_SESSION_HANDLE h, CK_BYTE_PTR a, CK_ULONG b, CK_BYTE_PTR c, CK_ULONG_PTR d),              \
    (h, a, b, c, d))                                                                              \
  X(C_DecryptDigestUpdate,                                                                        \
    (CK_SESSION_HANDLE h, CK_BYTE_PTR a, CK_ULONG b, CK_BYTE_PTR c, CK_ULONG_PTR d),              \
    (h, a, b, c, d))                                                                              \
  X(C_SignEncryptUpdate,                                                                          \
    (CK_SESSION_HANDLE h, CK_BYTE_PTR a, CK_ULONG b, CK_BYTE_PTR c, CK_ULONG_PTR d),              \
    (h, a, b, c, d))                                                                              \
  X(C_DecryptVerifyUpdate,                                                                        \
    (CK_SESSION_HANDLE h, CK_BYTE_PTR a, CK_ULONG b, CK_BYTE_PTR c, CK_ULONG_PTR d),              \
    (h, a, b, c, d))                                                                              \
  X(C_GenerateKey,                                                                                \
    (CK_SESSION_HANDLE h, CK_MECHANISM_PTR a, CK_ATTRIBUTE_PTR b, CK_ULONG c,                     \
     CK_OBJECT_HANDLE_PTR d),                                                                     \
    (h, a, b, c, d))                                                                              \
  X(C_WrapKey,                                                                                    \
    (CK_SESSION_HANDLE h, CK_MECHANISM_PTR a, CK_OBJECT_HANDLE b, CK_OBJECT_HANDLE c,             \
     CK_BYTE_PTR d, CK_ULONG_PTR e),                                                              \
    (h, a, b, c, d, e))                                                                           \
  X(C_UnwrapKey,                                                                                  \
    (CK_SESSION_HANDLE h, CK_MECHANISM_PTR a, CK_OBJECT_HANDLE b, CK_BYTE_PTR c, CK_ULONG d,      \
     CK_ATTRIBUTE_PTR e, CK_ULONG f, CK_OBJECT_HANDLE_PTR g),                                     \
    (h, a, b, c, d, e, f, g))                                                                     \
  X(C_DeriveKey,                                                                                  \
    (CK_SESSION_HANDLE h, CK_MECHANISM_PTR a, CK_OBJECT_HANDLE b, CK_ATTRIBUTE_PTR c, CK_ULONG d, \
     CK_OBJECT_HANDLE_PTR e),                                                                     \
    (h, a, b, c, d, e))                                                                           \
  X(C_SeedRandom, (CK_SESSION_HANDLE h, CK_BYTE_PTR a, CK_ULONG b), (h, a, b))                    \
  X(C_GenerateRandom, (CK_SESSION_HANDLE h, CK_BYTE_PTR a, CK_ULONG b), (h, a, b))                \
  X(C_GetFunctionStatus, (CK_SESSION_HANDLE h), (h))                                              \
  X(C_CancelFunction, (CK_SESSION_HANDLE h), (h))

#define DEFINE_FORWARD(name, params, args)       \
  CK_DEFINE_FUNCTION(CK_RV, name) params {       \
    CK_RV rv = sim_guard_session(h);             \
    return rv != CKR_OK ? rv : sim_backend->name args; \
  }

SESSION_CALLS(DEFINE_FORWARD)
