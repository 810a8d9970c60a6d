/*
 * The sessions this process opened through the simulator, so that a removal can be noticed on
 * the next call: a session remembers the slot's removal count at open time, and a session whose
 * slot was pulled out since is closed in the backend and answers CKR_DEVICE_REMOVED once, then
 * CKR_SESSION_HANDLE_INVALID.
 */
#ifndef UKEY_SIM_SESSIONS_H
#define UKEY_SIM_SESSIONS_H

#include "pkcs11.h"
#include "state.h"

void sessions_add(CK_SESSION_HANDLE h, CK_SLOT_ID slot, long removals);
void sessions_remove(CK_SESSION_HANDLE h);
void sessions_remove_slot(CK_SLOT_ID slot);
void sessions_clear(void);

/* The slot of a session we opened; 0 when the handle is not ours. */
int sessions_slot(CK_SESSION_HANDLE h, CK_SLOT_ID *slot);

/*
 * Applies the slot's current state: sessions opened before a removal are marked dead and closed
 * in the backend (which also drops the backend's login, like a real key). Cheap when nothing
 * changed.
 */
void sessions_sync_slot(CK_FUNCTION_LIST_PTR backend, CK_SLOT_ID slot, const sim_state *st);

/*
 * CKR_OK when the session may go on (or is not ours: the backend judges it); CKR_DEVICE_REMOVED
 * the first time a removed session is used, CKR_SESSION_HANDLE_INVALID after that.
 */
CK_RV sessions_check(CK_FUNCTION_LIST_PTR backend, CK_SESSION_HANDLE h);

/* Closes every live session in the backend (C_Finalize of a shared backend). */
void sessions_close_all(CK_FUNCTION_LIST_PTR backend);

#endif
