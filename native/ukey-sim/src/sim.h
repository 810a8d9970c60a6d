/* What the simulator's source files share: the backend module and the session guard. */
#ifndef UKEY_SIM_SIM_H
#define UKEY_SIM_SIM_H

#include "pkcs11.h"

/* The backend's function list while the simulator is initialised, else NULL. */
extern CK_FUNCTION_LIST_PTR sim_backend;

/* CKR_OK when a call on this session may go to the backend; else the error to answer. */
CK_RV sim_guard_session(CK_SESSION_HANDLE h);

/* Waits the slot's sign delay, ending early with the error if the key is pulled out. */
CK_RV sim_device_delay(CK_SESSION_HANDLE h);

/* After a signature was made: counts it and turns the chosen one into a device error. */
CK_RV sim_count_sign(CK_SESSION_HANDLE h, CK_BYTE_PTR sig, CK_ULONG_PTR sig_len);

#endif
