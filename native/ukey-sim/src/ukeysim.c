/*
 * ukey-sim: a PKCS#11 module that forwards to a real one (SoftHSM2 by default) and adds what a
 * real U-Key does and SoftHSM2 does not: a user-PIN retry counter that locks, removal and
 * re-insertion on command, a signing delay, injected signing failures and a PIN pad. The per-slot state
 * lives in files (state.c) so other processes can pull the key out of this one.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sessions.h"
#include "sim.h"
#include "sm2.h"
#include "state.h"

#define DEFAULT_BACKEND "/usr/lib/softhsm/libsofthsm2.so"
#define MAX_WATCHED_SLOTS 64
#define WAIT_POLL_MS 50
#define SIGN_POLL_MS 20

CK_FUNCTION_LIST_PTR sim_backend;

static pthread_mutex_t init_lock = PTHREAD_MUTEX_INITIALIZER;
static void *backend_dl;
static int backend_ours; /* 0 when another module in this process initialised it first */
static volatile int finalizing;
static CK_FUNCTION_LIST function_list;

/* ---- slot events: what C_WaitForSlotEvent last reported for each slot ---- */

typedef struct {
  CK_SLOT_ID slot;
  int present;
  long removals;
} watched_slot;

static pthread_mutex_t watch_lock = PTHREAD_MUTEX_INITIALIZER;
static watched_slot watched[MAX_WATCHED_SLOTS];
static size_t watched_count;

static void watch_slot(CK_SLOT_ID slot, const sim_state *st) {
  pthread_mutex_lock(&watch_lock);
  int known = 0;
  for (size_t i = 0; i < watched_count; i++) known |= watched[i].slot == slot;
  if (!known && watched_count < MAX_WATCHED_SLOTS)
    watched[watched_count++] = (watched_slot){slot, st->present, st->removals};
  pthread_mutex_unlock(&watch_lock);
}

/* A slot whose presence changed since it was last reported (a quick pull-and-put-back counts). */
static int next_slot_event(CK_SLOT_ID *slot) {
  int found = 0;
  pthread_mutex_lock(&watch_lock);
  for (size_t i = 0; i < watched_count && !found; i++) {
    sim_state st;
    sim_state_read(watched[i].slot, &st);
    if (st.present != watched[i].present || st.removals != watched[i].removals) {
      watched[i].present = st.present;
      watched[i].removals = st.removals;
      *slot = watched[i].slot;
      found = 1;
    }
  }
  pthread_mutex_unlock(&watch_lock);
  return found;
}

/* ---- helpers ---- */

static void sleep_ms(long ms) {
  struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
  while (nanosleep(&ts, &ts) != 0) {
  }
}

static long now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

/* Reads the slot's state and applies a removal to this process's sessions; 1 when present. */
static int slot_present(CK_SLOT_ID slot, sim_state *st) {
  sim_state_read(slot, st);
  sessions_sync_slot(sim_backend, slot, st);
  return st->present;
}

CK_RV sim_guard_session(CK_SESSION_HANDLE h) {
  if (sim_backend == NULL) return CKR_CRYPTOKI_NOT_INITIALIZED;
  return sessions_check(sim_backend, h);
}

static void pad_copy(CK_UTF8CHAR *dst, size_t len, const char *src) {
  size_t n = strlen(src);
  memset(dst, ' ', len);
  memcpy(dst, src, n < len ? n : len);
}

/*
 * Waits the slot's sign delay, like a real key computing a signature or a person typing on its
 * PIN pad; a pull-out during the wait ends the operation there.
 */
CK_RV sim_device_delay(CK_SESSION_HANDLE h) {
  CK_SLOT_ID slot;
  if (!sessions_slot(h, &slot)) return CKR_OK;
  sim_state st;
  sim_state_read(slot, &st);
  long until = now_ms() + sim_state_sign_delay_ms(&st);
  for (long left = until - now_ms(); left > 0; left = until - now_ms()) {
    sleep_ms(left < SIGN_POLL_MS ? left : SIGN_POLL_MS);
    CK_RV rv = sim_guard_session(h);
    if (rv != CKR_OK) return rv;
  }
  return CKR_OK;
}

/* ---- state edits ---- */

static int edit_wrong_pin(sim_state *s, void *ctx) {
  (void)ctx;
  long left = sim_state_retries_left(s);
  s->retries_left = left > 0 ? left - 1 : 0;
  return 1;
}

static int edit_reset_retries(sim_state *s, void *ctx) {
  (void)ctx;
  if (s->retries_left < 0) return 0;
  s->retries_left = -1;
  return 1;
}

/* Counts a finished signature; sets *fail when this is the one chosen to fail. */
static int edit_count_sign(sim_state *s, void *ctx) {
  int *fail = ctx;
  s->sign_count++;
  *fail = s->fail_sign_at > 0 && s->sign_count == s->fail_sign_at;
  return 1;
}

/* ---- lifecycle ---- */

CK_DEFINE_FUNCTION(CK_RV, C_Initialize)(CK_VOID_PTR pInitArgs) {
  pthread_mutex_lock(&init_lock);
  if (sim_backend != NULL) {
    pthread_mutex_unlock(&init_lock);
    return CKR_CRYPTOKI_ALREADY_INITIALIZED;
  }
  const char *path = getenv("UKEY_SIM_BACKEND");
  if (path == NULL || path[0] == '\0') path = DEFAULT_BACKEND;
  void *dl = dlopen(path, RTLD_NOW | RTLD_LOCAL);
  if (dl == NULL) {
    fprintf(stderr, "ukey-sim: cannot load backend %s: %s\n", path, dlerror());
    pthread_mutex_unlock(&init_lock);
    return CKR_GENERAL_ERROR;
  }
  CK_C_GetFunctionList get_list = (CK_C_GetFunctionList)dlsym(dl, "C_GetFunctionList");
  CK_FUNCTION_LIST_PTR list = NULL;
  CK_RV rv = get_list != NULL ? get_list(&list) : CKR_GENERAL_ERROR;
  /* Our own C_* symbols must not stand in for the backend's (the sim loaded RTLD_GLOBAL). */
  if (rv == CKR_OK && (list == NULL || list == &function_list || list->C_Initialize == C_Initialize)) {
    fprintf(stderr, "ukey-sim: backend %s resolves to the simulator itself\n", path);
    rv = CKR_GENERAL_ERROR;
  }
  if (rv == CKR_OK) {
    rv = list->C_Initialize(pInitArgs);
    backend_ours = rv == CKR_OK;
    /* Another module in this process (pkcs11js on SoftHSM2 directly) got there first: share it. */
    if (rv == CKR_CRYPTOKI_ALREADY_INITIALIZED) rv = CKR_OK;
  }
  if (rv != CKR_OK) {
    dlclose(dl);
    pthread_mutex_unlock(&init_lock);
    return rv;
  }
  backend_dl = dl;
  finalizing = 0;
  sim_backend = list;
  watched_count = 0;

  CK_SLOT_ID slots[MAX_WATCHED_SLOTS];
  CK_ULONG n = MAX_WATCHED_SLOTS;
  if (list->C_GetSlotList(CK_TRUE, slots, &n) == CKR_OK) {
    for (CK_ULONG i = 0; i < n; i++) {
      sim_state st;
      sim_state_read(slots[i], &st);
      watch_slot(slots[i], &st);
    }
  }
  pthread_mutex_unlock(&init_lock);
  return CKR_OK;
}

CK_DEFINE_FUNCTION(CK_RV, C_Finalize)(CK_VOID_PTR pReserved) {
  if (pReserved != NULL) return CKR_ARGUMENTS_BAD;
  pthread_mutex_lock(&init_lock);
  if (sim_backend == NULL) {
    pthread_mutex_unlock(&init_lock);
    return CKR_CRYPTOKI_NOT_INITIALIZED;
  }
  finalizing = 1; /* wakes a blocked C_WaitForSlotEvent */
  CK_FUNCTION_LIST_PTR list = sim_backend;
  sim_backend = NULL;
  if (backend_ours) list->C_Finalize(NULL);
  else sessions_close_all(list);
  sessions_clear();
  dlclose(backend_dl);
  backend_dl = NULL;
  pthread_mutex_unlock(&init_lock);
  return CKR_OK;
}

CK_DEFINE_FUNCTION(CK_RV, C_GetInfo)(CK_INFO_PTR pInfo) {
  if (sim_backend == NULL) return CKR_CRYPTOKI_NOT_INITIALIZED;
  CK_RV rv = sim_backend->C_GetInfo(pInfo);
  if (rv == CKR_OK) pad_copy(pInfo->libraryDescription, sizeof pInfo->libraryDescription, "ukey-sim U-Key simulator");
  return rv;
}

CK_DEFINE_FUNCTION(CK_RV, C_GetFunctionList)(CK_FUNCTION_LIST_PTR_PTR ppFunctionList) {
  if (ppFunctionList == NULL) return CKR_ARGUMENTS_BAD;
  *ppFunctionList = &function_list;
  return CKR_OK;
}

/* ---- slots and tokens ---- */

CK_DEFINE_FUNCTION(CK_RV, C_GetSlotList)
(CK_BBOOL tokenPresent, CK_SLOT_ID_PTR pSlotList, CK_ULONG_PTR pulCount) {
  if (sim_backend == NULL) return CKR_CRYPTOKI_NOT_INITIALIZED;
  if (pulCount == NULL) return CKR_ARGUMENTS_BAD;
  CK_SLOT_ID slots[MAX_WATCHED_SLOTS];
  CK_ULONG n = MAX_WATCHED_SLOTS;
  CK_RV rv = sim_backend->C_GetSlotList(tokenPresent, slots, &n);
  if (rv != CKR_OK) return rv;

  CK_ULONG kept = 0;
  for (CK_ULONG i = 0; i < n; i++) {
    if (tokenPresent) {
      sim_state st;
      int present = slot_present(slots[i], &st);
      watch_slot(slots[i], &st);
      if (!present) continue; /* pulled out: only the empty slot remains */
    }
    slots[kept++] = slots[i];
  }
  if (pSlotList == NULL) {
    *pulCount = kept;
    return CKR_OK;
  }
  if (*pulCount < kept) {
    *pulCount = kept;
    return CKR_BUFFER_TOO_SMALL;
  }
  memcpy(pSlotList, slots, kept * sizeof *slots);
  *pulCount = kept;
  return CKR_OK;
}

CK_DEFINE_FUNCTION(CK_RV, C_GetSlotInfo)(CK_SLOT_ID slotID, CK_SLOT_INFO_PTR pInfo) {
  if (sim_backend == NULL) return CKR_CRYPTOKI_NOT_INITIALIZED;
  CK_RV rv = sim_backend->C_GetSlotInfo(slotID, pInfo);
  if (rv != CKR_OK || !(pInfo->flags & CKF_TOKEN_PRESENT)) return rv;
  sim_state st;
  if (!slot_present(slotID, &st)) pInfo->flags &= ~(CK_FLAGS)CKF_TOKEN_PRESENT;
  pInfo->flags |= CKF_REMOVABLE_DEVICE;
  watch_slot(slotID, &st);
  return CKR_OK;
}

CK_DEFINE_FUNCTION(CK_RV, C_GetTokenInfo)(CK_SLOT_ID slotID, CK_TOKEN_INFO_PTR pInfo) {
  if (sim_backend == NULL) return CKR_CRYPTOKI_NOT_INITIALIZED;
  sim_state st;
  if (!slot_present(slotID, &st)) return CKR_TOKEN_NOT_PRESENT;
  CK_RV rv = sim_backend->C_GetTokenInfo(slotID, pInfo);
  if (rv != CKR_OK) return rv;
  /* The counter here is authoritative; SoftHSM2 never sets these flags itself. */
  long left = sim_state_retries_left(&st), max = sim_state_max_retries(&st);
  pInfo->flags &= ~(CK_FLAGS)(CKF_USER_PIN_COUNT_LOW | CKF_USER_PIN_FINAL_TRY | CKF_USER_PIN_LOCKED);
  if (left <= 0) {
    pInfo->flags |= CKF_USER_PIN_LOCKED;
  } else {
    if (left < max) pInfo->flags |= CKF_USER_PIN_COUNT_LOW;
    if (left == 1) pInfo->flags |= CKF_USER_PIN_FINAL_TRY;
  }
  if (st.pin_pad) pInfo->flags |= CKF_PROTECTED_AUTHENTICATION_PATH;
  return CKR_OK;
}

CK_DEFINE_FUNCTION(CK_RV, C_GetMechanismList)
(CK_SLOT_ID slotID, CK_MECHANISM_TYPE_PTR pMechanismList, CK_ULONG_PTR pulCount) {
  if (sim_backend == NULL) return CKR_CRYPTOKI_NOT_INITIALIZED;
  sim_state st;
  if (!slot_present(slotID, &st)) return CKR_TOKEN_NOT_PRESENT;
  if (pulCount == NULL) return CKR_ARGUMENTS_BAD;
  /* The backend's mechanisms, then the SM2 ones of the slot's vendor profile. */
  CK_ULONG extra = sm2_mechanism_count(slotID), n = 0;
  CK_RV rv = sim_backend->C_GetMechanismList(slotID, NULL, &n);
  if (rv != CKR_OK) return rv;
  if (pMechanismList == NULL) {
    *pulCount = n + extra;
    return CKR_OK;
  }
  if (*pulCount < n + extra) {
    *pulCount = n + extra;
    return CKR_BUFFER_TOO_SMALL;
  }
  rv = sim_backend->C_GetMechanismList(slotID, pMechanismList, &n);
  if (rv != CKR_OK) return rv;
  *pulCount = sm2_add_mechanisms(slotID, pMechanismList, n, n + extra);
  return CKR_OK;
}

CK_DEFINE_FUNCTION(CK_RV, C_GetMechanismInfo)
(CK_SLOT_ID slotID, CK_MECHANISM_TYPE type, CK_MECHANISM_INFO_PTR pInfo) {
  if (sim_backend == NULL) return CKR_CRYPTOKI_NOT_INITIALIZED;
  sim_state st;
  if (!slot_present(slotID, &st)) return CKR_TOKEN_NOT_PRESENT;
  if (pInfo != NULL && sm2_mechanism_info(slotID, type, pInfo)) return CKR_OK;
  return sim_backend->C_GetMechanismInfo(slotID, type, pInfo);
}

CK_DEFINE_FUNCTION(CK_RV, C_InitToken)
(CK_SLOT_ID slotID, CK_UTF8CHAR_PTR pPin, CK_ULONG ulPinLen, CK_UTF8CHAR_PTR pLabel) {
  if (sim_backend == NULL) return CKR_CRYPTOKI_NOT_INITIALIZED;
  sim_state st;
  if (!slot_present(slotID, &st)) return CKR_TOKEN_NOT_PRESENT;
  CK_RV rv = sim_backend->C_InitToken(slotID, pPin, ulPinLen, pLabel);
  if (rv == CKR_OK) sim_state_update(slotID, edit_reset_retries, NULL);
  return rv;
}

/* ---- sessions ---- */

CK_DEFINE_FUNCTION(CK_RV, C_OpenSession)
(CK_SLOT_ID slotID, CK_FLAGS flags, CK_VOID_PTR pApplication, CK_NOTIFY Notify,
 CK_SESSION_HANDLE_PTR phSession) {
  if (sim_backend == NULL) return CKR_CRYPTOKI_NOT_INITIALIZED;
  sim_state st;
  /* Syncing first closes sessions from before a removal, so the new one starts logged out. */
  if (!slot_present(slotID, &st)) return CKR_TOKEN_NOT_PRESENT;
  CK_RV rv = sim_backend->C_OpenSession(slotID, flags, pApplication, Notify, phSession);
  if (rv == CKR_OK) {
    sm2_session_closed(*phSession); /* a reused handle starts with no SM2 operation */
    sessions_add(*phSession, slotID, st.removals);
  }
  return rv;
}

CK_DEFINE_FUNCTION(CK_RV, C_CloseSession)(CK_SESSION_HANDLE hSession) {
  CK_RV rv = sim_guard_session(hSession);
  if (rv == CKR_OK) rv = sim_backend->C_CloseSession(hSession);
  if (rv != CKR_CRYPTOKI_NOT_INITIALIZED) sessions_remove(hSession);
  sm2_session_closed(hSession);
  return rv;
}

CK_DEFINE_FUNCTION(CK_RV, C_CloseAllSessions)(CK_SLOT_ID slotID) {
  if (sim_backend == NULL) return CKR_CRYPTOKI_NOT_INITIALIZED;
  sim_state st;
  int present = slot_present(slotID, &st);
  CK_RV rv = sim_backend->C_CloseAllSessions(slotID);
  sessions_remove_slot(slotID);
  return present ? rv : CKR_TOKEN_NOT_PRESENT;
}

/* ---- PINs: the retry counter ---- */

/*
 * Runs a user-PIN check in the backend under the state lock, so two processes trying PINs on
 * the same token count exactly. A spent counter refuses without asking the backend.
 */
static CK_RV counted_pin_check(CK_SLOT_ID slot, CK_RV (*check)(void *ctx), void *ctx) {
  int lock = sim_state_lock();
  if (lock < 0) return CKR_DEVICE_ERROR;
  sim_state st;
  sim_state_read(slot, &st);
  CK_RV rv;
  if (sim_state_retries_left(&st) <= 0) {
    rv = CKR_PIN_LOCKED;
  } else {
    rv = check(ctx);
    if (rv == CKR_PIN_INCORRECT) sim_state_update_locked(slot, edit_wrong_pin, NULL);
    else if (rv == CKR_OK) sim_state_update_locked(slot, edit_reset_retries, NULL);
  }
  sim_state_unlock(lock);
  return rv;
}

typedef struct {
  CK_SESSION_HANDLE h;
  CK_USER_TYPE user;
  CK_UTF8CHAR_PTR pin;
  CK_ULONG len;
} login_args;

static CK_RV backend_login(void *ctx) {
  login_args *a = ctx;
  return sim_backend->C_Login(a->h, a->user, a->pin, a->len);
}

CK_DEFINE_FUNCTION(CK_RV, C_Login)
(CK_SESSION_HANDLE hSession, CK_USER_TYPE userType, CK_UTF8CHAR_PTR pPin, CK_ULONG ulPinLen) {
  CK_RV rv = sim_guard_session(hSession);
  if (rv != CKR_OK) return rv;
  CK_SLOT_ID slot;
  if (userType == CKU_SO || !sessions_slot(hSession, &slot))
    return sim_backend->C_Login(hSession, userType, pPin, ulPinLen);
  login_args a = {hSession, userType, pPin, ulPinLen};
  sim_state st;
  sim_state_read(slot, &st);
  /*
   * PIN pad: the app sends no PIN (NULL_PTR; or an empty one, which is all pkcs11js can send and
   * which OpenSC also takes as "use the pad") and the person types pad_pin on the device. A
   * locked key says so at once; otherwise the typed PIN counts exactly like one sent by the app.
   */
  char typed[SIM_PAD_PIN_MAX + 1];
  if (st.pin_pad && (pPin == NULL || ulPinLen == 0)) {
    if (sim_state_retries_left(&st) <= 0) return CKR_PIN_LOCKED;
    if ((rv = sim_device_delay(hSession)) != CKR_OK) return rv;
    snprintf(typed, sizeof typed, "%s", st.pad_pin);
    a.pin = (CK_UTF8CHAR_PTR)typed;
    a.len = strlen(typed);
  }
  return counted_pin_check(slot, backend_login, &a);
}

typedef struct {
  CK_SESSION_HANDLE h;
  CK_UTF8CHAR_PTR old_pin, new_pin;
  CK_ULONG old_len, new_len;
} set_pin_args;

static CK_RV backend_set_pin(void *ctx) {
  set_pin_args *a = ctx;
  return sim_backend->C_SetPIN(a->h, a->old_pin, a->old_len, a->new_pin, a->new_len);
}

CK_DEFINE_FUNCTION(CK_RV, C_SetPIN)
(CK_SESSION_HANDLE hSession, CK_UTF8CHAR_PTR pOldPin, CK_ULONG ulOldLen, CK_UTF8CHAR_PTR pNewPin,
 CK_ULONG ulNewLen) {
  CK_RV rv = sim_guard_session(hSession);
  if (rv != CKR_OK) return rv;
  CK_SESSION_INFO info;
  CK_SLOT_ID slot;
  int so = sim_backend->C_GetSessionInfo(hSession, &info) == CKR_OK &&
           info.state == CKS_RW_SO_FUNCTIONS;
  if (so || !sessions_slot(hSession, &slot))
    return sim_backend->C_SetPIN(hSession, pOldPin, ulOldLen, pNewPin, ulNewLen);
  /* Changing the user PIN proves the old one: a wrong one counts like a wrong login. */
  set_pin_args a = {hSession, pOldPin, pNewPin, ulOldLen, ulNewLen};
  return counted_pin_check(slot, backend_set_pin, &a);
}

CK_DEFINE_FUNCTION(CK_RV, C_InitPIN)(CK_SESSION_HANDLE hSession, CK_UTF8CHAR_PTR pPin, CK_ULONG ulPinLen) {
  CK_RV rv = sim_guard_session(hSession);
  if (rv != CKR_OK) return rv;
  /* The backend accepts this only from a logged-in SO: that is the CA's unlock. */
  rv = sim_backend->C_InitPIN(hSession, pPin, ulPinLen);
  CK_SLOT_ID slot;
  if (rv == CKR_OK && sessions_slot(hSession, &slot)) sim_state_update(slot, edit_reset_retries, NULL);
  return rv;
}

/* ---- signing: delay and failure injection ---- */

CK_RV sim_count_sign(CK_SESSION_HANDLE h, CK_BYTE_PTR sig, CK_ULONG_PTR sig_len) {
  CK_SLOT_ID slot;
  int fail = 0;
  if (!sessions_slot(h, &slot)) return CKR_OK;
  sim_state_update(slot, edit_count_sign, &fail);
  if (!fail) return CKR_OK;
  memset(sig, 0, *sig_len); /* nothing half-done leaves the token */
  *sig_len = 0;
  return CKR_DEVICE_ERROR;
}

CK_DEFINE_FUNCTION(CK_RV, C_Sign)
(CK_SESSION_HANDLE hSession, CK_BYTE_PTR pData, CK_ULONG ulDataLen, CK_BYTE_PTR pSignature,
 CK_ULONG_PTR pulSignatureLen) {
  CK_RV rv = sim_guard_session(hSession);
  if (rv != CKR_OK) return rv;
  if (sm2_signing(hSession))
    return sm2_sign_finish(hSession, 1, pData, ulDataLen, pSignature, pulSignatureLen);
  /* A length query computes nothing on a real key either. */
  if (pSignature == NULL) return sim_backend->C_Sign(hSession, pData, ulDataLen, NULL, pulSignatureLen);
  if ((rv = sim_device_delay(hSession)) != CKR_OK) return rv;
  rv = sim_backend->C_Sign(hSession, pData, ulDataLen, pSignature, pulSignatureLen);
  return rv == CKR_OK ? sim_count_sign(hSession, pSignature, pulSignatureLen) : rv;
}

CK_DEFINE_FUNCTION(CK_RV, C_SignFinal)
(CK_SESSION_HANDLE hSession, CK_BYTE_PTR pSignature, CK_ULONG_PTR pulSignatureLen) {
  CK_RV rv = sim_guard_session(hSession);
  if (rv != CKR_OK) return rv;
  if (sm2_signing(hSession)) return sm2_sign_finish(hSession, 0, NULL, 0, pSignature, pulSignatureLen);
  if (pSignature == NULL) return sim_backend->C_SignFinal(hSession, NULL, pulSignatureLen);
  if ((rv = sim_device_delay(hSession)) != CKR_OK) return rv;
  rv = sim_backend->C_SignFinal(hSession, pSignature, pulSignatureLen);
  return rv == CKR_OK ? sim_count_sign(hSession, pSignature, pulSignatureLen) : rv;
}

/* ---- slot events ---- */

CK_DEFINE_FUNCTION(CK_RV, C_WaitForSlotEvent)(CK_FLAGS flags, CK_SLOT_ID_PTR pSlot, CK_VOID_PTR pReserved) {
  if (pSlot == NULL || pReserved != NULL) return CKR_ARGUMENTS_BAD;
  /* Polls the state files only: the backend may not be thread-safe, and this may block. */
  for (;;) {
    if (sim_backend == NULL || finalizing) return CKR_CRYPTOKI_NOT_INITIALIZED;
    if (next_slot_event(pSlot)) return CKR_OK;
    if (flags & CKF_DONT_BLOCK) return CKR_NO_EVENT;
    sleep_ms(WAIT_POLL_MS);
  }
}

/* ---- the function list ---- */

#define ENTRY(name) .name = name
static CK_FUNCTION_LIST function_list = {
    .version = {CRYPTOKI_VERSION_MAJOR, CRYPTOKI_VERSION_MINOR},
    ENTRY(C_Initialize), ENTRY(C_Finalize), ENTRY(C_GetInfo), ENTRY(C_GetFunctionList),
    ENTRY(C_GetSlotList), ENTRY(C_GetSlotInfo), ENTRY(C_GetTokenInfo), ENTRY(C_GetMechanismList),
    ENTRY(C_GetMechanismInfo), ENTRY(C_InitToken), ENTRY(C_InitPIN), ENTRY(C_SetPIN),
    ENTRY(C_OpenSession), ENTRY(C_CloseSession), ENTRY(C_CloseAllSessions), ENTRY(C_GetSessionInfo),
    ENTRY(C_GetOperationState), ENTRY(C_SetOperationState), ENTRY(C_Login), ENTRY(C_Logout),
    ENTRY(C_CreateObject), ENTRY(C_CopyObject), ENTRY(C_DestroyObject), ENTRY(C_GetObjectSize),
    ENTRY(C_GetAttributeValue), ENTRY(C_SetAttributeValue), ENTRY(C_FindObjectsInit),
    ENTRY(C_FindObjects), ENTRY(C_FindObjectsFinal), ENTRY(C_EncryptInit), ENTRY(C_Encrypt),
    ENTRY(C_EncryptUpdate), ENTRY(C_EncryptFinal), ENTRY(C_DecryptInit), ENTRY(C_Decrypt),
    ENTRY(C_DecryptUpdate), ENTRY(C_DecryptFinal), ENTRY(C_DigestInit), ENTRY(C_Digest),
    ENTRY(C_DigestUpdate), ENTRY(C_DigestKey), ENTRY(C_DigestFinal), ENTRY(C_SignInit),
    ENTRY(C_Sign), ENTRY(C_SignUpdate), ENTRY(C_SignFinal), ENTRY(C_SignRecoverInit),
    ENTRY(C_SignRecover), ENTRY(C_VerifyInit), ENTRY(C_Verify), ENTRY(C_VerifyUpdate),
    ENTRY(C_VerifyFinal), ENTRY(C_VerifyRecoverInit), ENTRY(C_VerifyRecover),
    ENTRY(C_DigestEncryptUpdate), ENTRY(C_DecryptDigestUpdate), ENTRY(C_SignEncryptUpdate),
    ENTRY(C_DecryptVerifyUpdate), ENTRY(C_GenerateKey), ENTRY(C_GenerateKeyPair), ENTRY(C_WrapKey),
    ENTRY(C_UnwrapKey), ENTRY(C_DeriveKey), ENTRY(C_SeedRandom), ENTRY(C_GenerateRandom),
    ENTRY(C_GetFunctionStatus), ENTRY(C_CancelFunction), ENTRY(C_WaitForSlotEvent),
};
