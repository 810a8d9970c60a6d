/*
 * SM2 keys the simulator holds itself (SoftHSM2 has no SM2), signed with OpenSSL's libcrypto and
 * exposed under a vendor profile's numbering: key type, key-pair generation and signature
 * mechanisms differ between vendors, as they do between real GM tokens. Certificates stay in
 * the backend; only the SM2 key objects live here, in sm2-<token serial>.keys under UKEY_SIM_KEYS
 * (or the state directory when unset).
 */
#ifndef UKEY_SIM_SM2_H
#define UKEY_SIM_SM2_H

#include "pkcs11.h"

/* Appends the slot's SM2 mechanisms to a list of `n` entries with room for `cap`; returns n. */
CK_ULONG sm2_add_mechanisms(CK_SLOT_ID slot, CK_MECHANISM_TYPE *list, CK_ULONG n, CK_ULONG cap);
/* How many SM2 mechanisms the slot's profile adds. */
CK_ULONG sm2_mechanism_count(CK_SLOT_ID slot);
/* 1 and fills `info` when `type` is one of the slot's SM2 mechanisms. */
int sm2_mechanism_info(CK_SLOT_ID slot, CK_MECHANISM_TYPE type, CK_MECHANISM_INFO *info);

/* Whether the session has an SM2 signature under way (then C_Sign/C_SignFinal finish it here). */
int sm2_signing(CK_SESSION_HANDLE h);
/* C_Sign (`single`) or C_SignFinal of an SM2 signature: raw r||s, after the device delay. */
CK_RV sm2_sign_finish(CK_SESSION_HANDLE h, int single, const CK_BYTE *data, CK_ULONG len,
                      CK_BYTE_PTR sig, CK_ULONG_PTR sig_len);

/* Forgets signing and search state of a closed session (or a handle about to be reused). */
void sm2_session_closed(CK_SESSION_HANDLE h);

#endif
