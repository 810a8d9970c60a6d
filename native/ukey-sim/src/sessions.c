#include "sessions.h"

#include <pthread.h>
#include <stdlib.h>

typedef struct {
  CK_SESSION_HANDLE handle;
  CK_SLOT_ID slot;
  long removals; /* the slot's removal count when the session was opened */
  int dead;      /* its token was pulled out; the backend session is closed */
  int reported;  /* CKR_DEVICE_REMOVED was answered once */
} sim_session;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static sim_session *table;
static size_t count, capacity;

static sim_session *find(CK_SESSION_HANDLE h) {
  for (size_t i = 0; i < count; i++)
    if (table[i].handle == h) return &table[i];
  return NULL;
}

static void drop(sim_session *s) {
  *s = table[--count];
}

void sessions_add(CK_SESSION_HANDLE h, CK_SLOT_ID slot, long removals) {
  pthread_mutex_lock(&lock);
  /* The backend may hand out a closed session's number again: the new session replaces it. */
  sim_session *s = find(h);
  if (s == NULL) {
    if (count == capacity) {
      size_t next = capacity == 0 ? 16 : capacity * 2;
      sim_session *grown = realloc(table, next * sizeof *grown);
      if (grown == NULL) {
        pthread_mutex_unlock(&lock);
        return;
      }
      table = grown;
      capacity = next;
    }
    s = &table[count++];
  }
  *s = (sim_session){.handle = h, .slot = slot, .removals = removals};
  pthread_mutex_unlock(&lock);
}

void sessions_remove(CK_SESSION_HANDLE h) {
  pthread_mutex_lock(&lock);
  sim_session *s = find(h);
  if (s != NULL) drop(s);
  pthread_mutex_unlock(&lock);
}

void sessions_remove_slot(CK_SLOT_ID slot) {
  pthread_mutex_lock(&lock);
  for (size_t i = 0; i < count;) {
    if (table[i].slot == slot) drop(&table[i]);
    else i++;
  }
  pthread_mutex_unlock(&lock);
}

void sessions_clear(void) {
  pthread_mutex_lock(&lock);
  free(table);
  table = NULL;
  count = capacity = 0;
  pthread_mutex_unlock(&lock);
}

int sessions_slot(CK_SESSION_HANDLE h, CK_SLOT_ID *slot) {
  pthread_mutex_lock(&lock);
  sim_session *s = find(h);
  if (s != NULL) *slot = s->slot;
  pthread_mutex_unlock(&lock);
  return s != NULL;
}

static int stale(const sim_session *s, const sim_state *st) {
  return !st->present || st->removals != s->removals;
}

void sessions_sync_slot(CK_FUNCTION_LIST_PTR backend, CK_SLOT_ID slot, const sim_state *st) {
  /* Close outside the lock, a few at a time, so a slow backend never blocks other threads. */
  for (;;) {
    CK_SESSION_HANDLE doomed[32];
    size_t n = 0;
    pthread_mutex_lock(&lock);
    for (size_t i = 0; i < count && n < 32; i++) {
      sim_session *s = &table[i];
      if (s->slot == slot && !s->dead && stale(s, st)) {
        s->dead = 1;
        doomed[n++] = s->handle;
      }
    }
    pthread_mutex_unlock(&lock);
    if (n == 0) return;
    for (size_t i = 0; i < n; i++) backend->C_CloseSession(doomed[i]);
  }
}

static CK_RV report_dead(sim_session *s) {
  CK_RV rv = s->reported ? CKR_SESSION_HANDLE_INVALID : CKR_DEVICE_REMOVED;
  s->reported = 1;
  return rv;
}

CK_RV sessions_check(CK_FUNCTION_LIST_PTR backend, CK_SESSION_HANDLE h) {
  pthread_mutex_lock(&lock);
  sim_session *s = find(h);
  if (s == NULL) {
    pthread_mutex_unlock(&lock);
    return CKR_OK;
  }
  if (s->dead) {
    CK_RV rv = report_dead(s);
    pthread_mutex_unlock(&lock);
    return rv;
  }
  CK_SLOT_ID slot = s->slot;
  long removals = s->removals;
  pthread_mutex_unlock(&lock);

  sim_state st;
  sim_state_read(slot, &st);
  if (st.present && st.removals == removals) return CKR_OK;

  sessions_sync_slot(backend, slot, &st);
  pthread_mutex_lock(&lock);
  s = find(h);
  CK_RV rv = s != NULL ? report_dead(s) : CKR_SESSION_HANDLE_INVALID;
  pthread_mutex_unlock(&lock);
  return rv;
}

void sessions_close_all(CK_FUNCTION_LIST_PTR backend) {
  pthread_mutex_lock(&lock);
  size_t n = count;
  CK_SESSION_HANDLE *live = malloc((n > 0 ? n : 1) * sizeof *live);
  size_t k = 0;
  for (size_t i = 0; live != NULL && i < n; i++)
    if (!table[i].dead) live[k++] = table[i].handle;
  pthread_mutex_unlock(&lock);
  for (size_t i = 0; i < k; i++) backend->C_CloseSession(live[i]);
  free(live);
}
