/* What the simulator's source files share: the backend module and the session guard. */
#ifndef UKEY_SIM_SIM_H
#define UKEY_SIM_SIM_H

#include "pkcs11.h"

/* The backend's function list while the simulator is initialised, else NULL. */
extern CK_FUNCTION_LIST_PTR sim_backend;

/* CKR_OK when a call on this session may go to the backend; else the error to answer. */
CK_RV sim_guard_session(CK_SESSION_HANDLE h);

#endif
