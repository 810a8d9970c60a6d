/* skf-sim: an SKF (GM/T 0016) library for tests and the demo. Devices, applications and
 * containers live in a state directory (see state.h); the SM2 keys are PEM files OpenSSL reads;
 * every call re-reads the device's state, so `npm run skf-sim -- remove` is seen at once. */
#include <errno.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/ecdsa.h>
#include <openssl/obj_mac.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <dirent.h>
#include <time.h>

#include "skf.h"
#include "state.h"

enum { MAGIC_DEV = 0x534b4644, MAGIC_APP = 0x534b4641, MAGIC_CON = 0x534b4643, MAGIC_HASH = 0x534b4648 };

typedef struct {
  uint32_t magic;
  char name[SIM_NAME_MAX + 1];
  long removals; /* the device's removal count when connected: a later removal kills the handle */
} dev_handle;

typedef struct {
  uint32_t magic;
  dev_handle *dev;
  int logged_in;
} app_handle;

typedef struct {
  uint32_t magic;
  app_handle *app;
  char name[SIM_NAME_MAX + 1];
} con_handle;

typedef struct {
  uint32_t magic;
  EVP_MD_CTX *ctx;
} hash_handle;

/* ---- handles ---------------------------------------------------------------------------- */

static ULONG device_alive(const dev_handle *h, sim_device *d) {
  if (h == NULL || h->magic != MAGIC_DEV) return SAR_INVALIDHANDLEERR;
  if (sim_device_read(h->name, d) != 0 || !d->present || d->removals != h->removals)
    return SAR_DEVICE_REMOVED;
  return SAR_OK;
}

static ULONG app_alive(const app_handle *a, sim_device *d) {
  if (a == NULL || a->magic != MAGIC_APP) return SAR_INVALIDHANDLEERR;
  return device_alive(a->dev, d);
}

static ULONG container_alive(const con_handle *c, sim_device *d) {
  if (c == NULL || c->magic != MAGIC_CON) return SAR_INVALIDHANDLEERR;
  return app_alive(c->app, d);
}

/* Writes a list of names as SKF does: each ends with '\0', the list with another '\0'. */
static ULONG write_name_list(char names[][SIM_NAME_MAX + 1], int n, LPSTR out, ULONG *size) {
  if (size == NULL) return SAR_INVALIDPARAMERR;
  ULONG need = 1;
  for (int i = 0; i < n; i++) need += (ULONG)strlen(names[i]) + 1;
  if (out == NULL) {
    *size = need;
    return SAR_OK;
  }
  if (*size < need) {
    *size = need;
    return SAR_BUFFER_TOO_SMALL;
  }
  char *p = out;
  for (int i = 0; i < n; i++) {
    size_t len = strlen(names[i]) + 1;
    memcpy(p, names[i], len);
    p += len;
  }
  *p = '\0';
  *size = need;
  return SAR_OK;
}

static ULONG write_bytes(const BYTE *data, ULONG len, BYTE *out, ULONG *size) {
  if (size == NULL) return SAR_INVALIDPARAMERR;
  if (out == NULL) {
    *size = len;
    return SAR_OK;
  }
  if (*size < len) {
    *size = len;
    return SAR_BUFFER_TOO_SMALL;
  }
  memcpy(out, data, len);
  *size = len;
  return SAR_OK;
}

static void sleep_ms(long ms) {
  struct timespec t = {ms / 1000, (ms % 1000) * 1000000L};
  while (nanosleep(&t, &t) != 0 && errno == EINTR) {
  }
}

/* ---- devices ---------------------------------------------------------------------------- */

SKF_EXPORT ULONG SKF_EnumDev(BOOL bPresent, LPSTR szNameList, ULONG *pulSize) {
  char names[SIM_MAX_DEVICES][SIM_NAME_MAX + 1];
  int n = sim_device_list(names, SIM_MAX_DEVICES), kept = 0;
  for (int i = 0; i < n; i++) {
    sim_device d;
    if (sim_device_read(names[i], &d) != 0) continue;
    if (bPresent && !d.present) continue;
    if (kept != i) memcpy(names[kept], names[i], sizeof names[0]);
    kept++;
  }
  return write_name_list(names, kept, szNameList, pulSize);
}

SKF_EXPORT ULONG SKF_ConnectDev(LPSTR szName, DEVHANDLE *phDev) {
  if (szName == NULL || phDev == NULL) return SAR_INVALIDPARAMERR;
  sim_device d;
  if (!sim_name_ok(szName) || sim_device_read(szName, &d) != 0) return SAR_INVALIDPARAMERR;
  if (!d.present) return SAR_DEVICE_REMOVED;
  dev_handle *h = calloc(1, sizeof *h);
  if (h == NULL) return SAR_MEMORYERR;
  h->magic = MAGIC_DEV;
  snprintf(h->name, sizeof h->name, "%s", szName);
  h->removals = d.removals;
  *phDev = h;
  return SAR_OK;
}

/* Every handle struct starts with its magic: a closed handle no longer passes as one. */
static ULONG free_handle(void *handle, uint32_t magic) {
  uint32_t *m = handle;
  if (m == NULL || *m != magic) return SAR_INVALIDHANDLEERR;
  *m = 0;
  free(handle);
  return SAR_OK;
}

SKF_EXPORT ULONG SKF_DisConnectDev(DEVHANDLE hDev) { return free_handle(hDev, MAGIC_DEV); }

SKF_EXPORT ULONG SKF_GetDevState(LPSTR szDevName, ULONG *pulDevState) {
  sim_device d;
  if (szDevName == NULL || pulDevState == NULL) return SAR_INVALIDPARAMERR;
  *pulDevState = (sim_device_read(szDevName, &d) == 0 && d.present) ? 1 : 0;
  return SAR_OK;
}

static void put_string(CHAR *dst, size_t len, const char *src) {
  memset(dst, 0, len);
  size_t n = strlen(src);
  memcpy(dst, src, n < len ? n : len);
}

SKF_EXPORT ULONG SKF_GetDevInfo(DEVHANDLE hDev, DEVINFO *pDevInfo) {
  sim_device d;
  ULONG rv = device_alive(hDev, &d);
  if (rv != SAR_OK) return rv;
  if (pDevInfo == NULL) return SAR_INVALIDPARAMERR;
  memset(pDevInfo, 0, sizeof *pDevInfo);
  pDevInfo->Version.major = 1;
  pDevInfo->Version.minor = 0;
  put_string(pDevInfo->Manufacturer, sizeof pDevInfo->Manufacturer, d.manufacturer);
  put_string(pDevInfo->Issuer, sizeof pDevInfo->Issuer, "Shebao Desk skf-sim");
  put_string(pDevInfo->Label, sizeof pDevInfo->Label, d.label);
  put_string(pDevInfo->SerialNumber, sizeof pDevInfo->SerialNumber, d.serial);
  pDevInfo->HWVersion.major = 1;
  pDevInfo->FirmwareVersion.major = 1;
  pDevInfo->AlgAsymCap = SGD_SM2_1;
  pDevInfo->AlgHashCap = SGD_SM3;
  pDevInfo->TotalSpace = 65536;
  pDevInfo->FreeSpace = 32768;
  pDevInfo->MaxECCBufferSize = 1024;
  pDevInfo->MaxBufferSize = 2048;
  return SAR_OK;
}

/* ---- device events ---------------------------------------------------------------------- */

static pthread_mutex_t event_lock = PTHREAD_MUTEX_INITIALIZER;
static int event_cancelled = 0;
static int event_known = 0;
static int event_count = 0;
static struct {
  char name[SIM_NAME_MAX + 1];
  int present;
  long removals;
} event_seen[SIM_MAX_DEVICES];

static int seen_index(const char *name) {
  for (int i = 0; i < event_count; i++)
    if (strcmp(event_seen[i].name, name) == 0) return i;
  return -1;
}

/* One look at the devices: 0 and the event when one changed since the last look. */
static int next_event(char *name, size_t len, ULONG *event) {
  char names[SIM_MAX_DEVICES][SIM_NAME_MAX + 1];
  int n = sim_device_list(names, SIM_MAX_DEVICES);
  int found = -1;
  for (int i = 0; i < n && found < 0; i++) {
    sim_device d;
    if (sim_device_read(names[i], &d) != 0) continue;
    int k = seen_index(names[i]);
    if (k < 0 && event_count < SIM_MAX_DEVICES) {
      k = event_count++;
      memcpy(event_seen[k].name, names[i], sizeof event_seen[k].name);
      event_seen[k].present = 0;
      event_seen[k].removals = d.removals;
      if (!event_known) { /* the first look (at load) only learns what is there */
        event_seen[k].present = d.present;
        continue;
      }
    }
    if (k < 0) continue;
    if (event_seen[k].present && (!d.present || d.removals != event_seen[k].removals)) {
      /* Out, or out and back in since the last look: report the removal first. */
      event_seen[k].present = 0;
      event_seen[k].removals = d.removals;
      *event = DEV_EVENT_REMOVED;
      found = k;
    } else if (!event_seen[k].present && d.present) {
      event_seen[k].present = 1;
      event_seen[k].removals = d.removals;
      *event = DEV_EVENT_INSERTED;
      found = k;
    }
  }
  event_known = 1;
  if (found >= 0) snprintf(name, len, "%s", event_seen[found].name);
  return found >= 0 ? 0 : -1;
}

/* Like a driver, the library watches from the moment it is loaded: keys plugged in later are
 * reported as insertions by the next SKF_WaitForDevEvent, whenever that is called. */
__attribute__((constructor)) static void watch_from_load(void) {
  char name[SIM_NAME_MAX + 1];
  ULONG event = 0;
  pthread_mutex_lock(&event_lock);
  next_event(name, sizeof name, &event);
  pthread_mutex_unlock(&event_lock);
}

SKF_EXPORT ULONG SKF_WaitForDevEvent(LPSTR szDevName, ULONG *pulDevNameLen, ULONG *pulEvent) {
  if (szDevName == NULL || pulDevNameLen == NULL || pulEvent == NULL) return SAR_INVALIDPARAMERR;
  for (;;) {
    char name[SIM_NAME_MAX + 1];
    ULONG event = 0;
    pthread_mutex_lock(&event_lock);
    int rc = next_event(name, sizeof name, &event);
    pthread_mutex_unlock(&event_lock);
    if (rc == 0) {
      ULONG need = (ULONG)strlen(name) + 1;
      if (*pulDevNameLen < need) {
        *pulDevNameLen = need;
        return SAR_BUFFER_TOO_SMALL;
      }
      memcpy(szDevName, name, need);
      *pulDevNameLen = need;
      *pulEvent = event;
      return SAR_OK;
    }
    /* A cancel ends the wait in progress, or the next one when it came first; it is used up. */
    if (__atomic_exchange_n(&event_cancelled, 0, __ATOMIC_SEQ_CST)) return SAR_NOT_EVENTERR;
    sleep_ms(50);
  }
}

SKF_EXPORT ULONG SKF_CancelWaitForDevEvent(void) {
  __atomic_store_n(&event_cancelled, 1, __ATOMIC_SEQ_CST);
  return SAR_OK;
}

/* ---- applications and PIN --------------------------------------------------------------- */

SKF_EXPORT ULONG SKF_EnumApplication(DEVHANDLE hDev, LPSTR szAppName, ULONG *pulSize) {
  sim_device d;
  ULONG rv = device_alive(hDev, &d);
  if (rv != SAR_OK) return rv;
  char names[1][SIM_NAME_MAX + 1];
  snprintf(names[0], sizeof names[0], "%s", d.application);
  return write_name_list(names, d.application[0] != '\0' ? 1 : 0, szAppName, pulSize);
}

SKF_EXPORT ULONG SKF_OpenApplication(DEVHANDLE hDev, LPSTR szAppName, HAPPLICATION *phApplication) {
  sim_device d;
  ULONG rv = device_alive(hDev, &d);
  if (rv != SAR_OK) return rv;
  if (szAppName == NULL || phApplication == NULL) return SAR_INVALIDPARAMERR;
  if (d.application[0] == '\0' || strcmp(szAppName, d.application) != 0)
    return SAR_APPLICATION_NOT_EXISTS;
  app_handle *a = calloc(1, sizeof *a);
  if (a == NULL) return SAR_MEMORYERR;
  a->magic = MAGIC_APP;
  a->dev = hDev;
  *phApplication = a;
  return SAR_OK;
}

SKF_EXPORT ULONG SKF_CloseApplication(HAPPLICATION hApplication) {
  return free_handle(hApplication, MAGIC_APP);
}

SKF_EXPORT ULONG SKF_GetPINInfo(HAPPLICATION hApplication, ULONG ulPINType, ULONG *pulMaxRetryCount,
                                ULONG *pulRemainRetryCount, BOOL *pbDefaultPin) {
  sim_device d;
  ULONG rv = app_alive(hApplication, &d);
  if (rv != SAR_OK) return rv;
  if (ulPINType != USER_TYPE) return SAR_USER_TYPE_INVALID;
  if (pulMaxRetryCount == NULL || pulRemainRetryCount == NULL || pbDefaultPin == NULL)
    return SAR_INVALIDPARAMERR;
  *pulMaxRetryCount = (ULONG)d.max_retries;
  *pulRemainRetryCount = (ULONG)sim_retries_left(&d);
  *pbDefaultPin = 0;
  return SAR_OK;
}

static int sm3_hex(const char *text, char out[65]) {
  unsigned char md[32];
  unsigned int len = 0;
  if (EVP_Digest(text, strlen(text), md, &len, EVP_sm3(), NULL) != 1 || len != 32) return -1;
  for (int i = 0; i < 32; i++) snprintf(out + 2 * i, 3, "%02x", md[i]);
  return 0;
}

typedef struct {
  const char *pin_sm3;
  ULONG result;
} verify_ctx;

static int verify_edit(sim_device *d, void *p) {
  verify_ctx *v = p;
  long left = sim_retries_left(d);
  if (left <= 0) {
    v->result = SAR_PIN_LOCKED;
    return 1; /* nothing to write */
  }
  if (d->pin_sm3[0] != '\0' && strcmp(d->pin_sm3, v->pin_sm3) == 0) {
    v->result = SAR_OK;
    if (d->retries_left < 0) return 1;
    d->retries_left = -1;
    return 0;
  }
  /* The try that spends the counter is still a wrong PIN (retry count 0); the next is locked. */
  d->retries_left = left - 1;
  v->result = SAR_PIN_INCORRECT;
  return 0;
}

SKF_EXPORT ULONG SKF_VerifyPIN(HAPPLICATION hApplication, ULONG ulPINType, LPSTR szPIN,
                               ULONG *pulRetryCount) {
  sim_device d;
  app_handle *a = hApplication;
  ULONG rv = app_alive(a, &d);
  if (rv != SAR_OK) return rv;
  if (ulPINType != USER_TYPE) return SAR_USER_TYPE_INVALID;
  if (szPIN == NULL || pulRetryCount == NULL) return SAR_INVALIDPARAMERR;
  size_t len = strlen(szPIN);
  if (len < 6 || len > 16) return SAR_PIN_LEN_RANGE;
  char hash[65];
  if (sm3_hex(szPIN, hash) != 0) return SAR_FAIL;
  verify_ctx v = {hash, SAR_FAIL};
  if (sim_device_update(a->dev->name, verify_edit, &v, &d) != 0) return SAR_FILEERR;
  *pulRetryCount = (ULONG)sim_retries_left(&d);
  a->logged_in = v.result == SAR_OK;
  return v.result;
}

SKF_EXPORT ULONG SKF_ClearSecureState(HAPPLICATION hApplication) {
  app_handle *a = hApplication;
  if (a == NULL || a->magic != MAGIC_APP) return SAR_INVALIDHANDLEERR;
  a->logged_in = 0;
  return SAR_OK;
}

/* ---- containers ------------------------------------------------------------------------- */

static int container_exists(const char *device, const char *name) {
  char path[PATH_MAX];
  struct stat st;
  if (!sim_name_ok(name)) return 0;
  sim_container_path(device, name, "", path, sizeof path);
  return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int by_name(const void *a, const void *b) { return strcmp((const char *)a, (const char *)b); }

SKF_EXPORT ULONG SKF_EnumContainer(HAPPLICATION hApplication, LPSTR szContainerName, ULONG *pulSize) {
  sim_device d;
  app_handle *a = hApplication;
  ULONG rv = app_alive(a, &d);
  if (rv != SAR_OK) return rv;
  char dir[PATH_MAX];
  char names[SIM_MAX_DEVICES][SIM_NAME_MAX + 1];
  int n = 0;
  sim_device_dir(a->dev->name, dir, sizeof dir);
  DIR *dp = opendir(dir);
  if (dp != NULL) {
    struct dirent *e;
    while ((e = readdir(dp)) != NULL && n < SIM_MAX_DEVICES) {
      if (!sim_name_ok(e->d_name) || !container_exists(a->dev->name, e->d_name)) continue;
      memcpy(names[n++], e->d_name, strlen(e->d_name) + 1); /* sim_name_ok: at most 64 */
    }
    closedir(dp);
  }
  qsort(names, (size_t)n, sizeof names[0], by_name);
  return write_name_list(names, n, szContainerName, pulSize);
}

SKF_EXPORT ULONG SKF_OpenContainer(HAPPLICATION hApplication, LPSTR szContainerName,
                                   HCONTAINER *phContainer) {
  sim_device d;
  app_handle *a = hApplication;
  ULONG rv = app_alive(a, &d);
  if (rv != SAR_OK) return rv;
  if (szContainerName == NULL || phContainer == NULL) return SAR_INVALIDPARAMERR;
  if (!container_exists(a->dev->name, szContainerName)) return SAR_INVALIDPARAMERR;
  con_handle *c = calloc(1, sizeof *c);
  if (c == NULL) return SAR_MEMORYERR;
  c->magic = MAGIC_CON;
  c->app = a;
  snprintf(c->name, sizeof c->name, "%s", szContainerName);
  *phContainer = c;
  return SAR_OK;
}

SKF_EXPORT ULONG SKF_CloseContainer(HCONTAINER hContainer) {
  return free_handle(hContainer, MAGIC_CON);
}

static EVP_PKEY *load_sign_key(const con_handle *c) {
  char path[PATH_MAX];
  sim_container_path(c->app->dev->name, c->name, "sign-key.pem", path, sizeof path);
  FILE *f = fopen(path, "r");
  if (f == NULL) return NULL;
  EVP_PKEY *key = PEM_read_PrivateKey(f, NULL, NULL, NULL);
  fclose(f);
  return key;
}

SKF_EXPORT ULONG SKF_GetContainerType(HCONTAINER hContainer, ULONG *pulContainerType) {
  sim_device d;
  con_handle *c = hContainer;
  ULONG rv = container_alive(c, &d);
  if (rv != SAR_OK) return rv;
  if (pulContainerType == NULL) return SAR_INVALIDPARAMERR;
  char path[PATH_MAX];
  struct stat st;
  sim_container_path(c->app->dev->name, c->name, "sign-key.pem", path, sizeof path);
  *pulContainerType = stat(path, &st) == 0 ? CONTAINER_TYPE_ECC : CONTAINER_TYPE_EMPTY;
  return SAR_OK;
}

/* Some vendors' DLLs export only this misspelling; the simulator offers both. */
SKF_EXPORT ULONG SKF_GetContianerType(HCONTAINER hContainer, ULONG *pulContainerType) {
  return SKF_GetContainerType(hContainer, pulContainerType);
}

SKF_EXPORT ULONG SKF_ExportCertificate(HCONTAINER hContainer, BOOL bSignFlag, BYTE *pbCert,
                                       ULONG *pulCertLen) {
  sim_device d;
  con_handle *c = hContainer;
  ULONG rv = container_alive(c, &d);
  if (rv != SAR_OK) return rv;
  char path[PATH_MAX];
  sim_container_path(c->app->dev->name, c->name, bSignFlag ? "sign-cert.der" : "enc-cert.der",
                     path, sizeof path);
  FILE *f = fopen(path, "rb");
  if (f == NULL) return SAR_CERTNOTFOUNTERR;
  BYTE buf[8192];
  size_t n = fread(buf, 1, sizeof buf, f);
  int too_big = !feof(f);
  fclose(f);
  if (too_big || n == 0) return SAR_READFILEERR;
  return write_bytes(buf, (ULONG)n, pbCert, pulCertLen);
}

/* The key's public point as the 65-byte uncompressed octet string 04 || x || y. */
static int public_point(EVP_PKEY *key, unsigned char point[65]) {
  size_t len = 0;
  if (EVP_PKEY_get_octet_string_param(key, OSSL_PKEY_PARAM_PUB_KEY, point, 65, &len) != 1)
    return -1;
  return len == 65 && point[0] == 0x04 ? 0 : -1;
}

SKF_EXPORT ULONG SKF_ExportPublicKey(HCONTAINER hContainer, BOOL bSignFlag, BYTE *pbBlob,
                                     ULONG *pulBlobLen) {
  sim_device d;
  con_handle *c = hContainer;
  ULONG rv = container_alive(c, &d);
  if (rv != SAR_OK) return rv;
  if (!bSignFlag) return SAR_KEYNOTFOUNTERR; /* the simulator holds signing keys only */
  EVP_PKEY *key = load_sign_key(c);
  if (key == NULL) return SAR_KEYNOTFOUNTERR;
  unsigned char point[65];
  int ok = public_point(key, point) == 0;
  EVP_PKEY_free(key);
  if (!ok) return SAR_KEYNOTFOUNTERR;
  ECCPUBLICKEYBLOB blob;
  memset(&blob, 0, sizeof blob);
  blob.BitLen = 256;
  /* Coordinates are right-aligned in the 64-byte fields. */
  memcpy(blob.XCoordinate + 32, point + 1, 32);
  memcpy(blob.YCoordinate + 32, point + 33, 32);
  return write_bytes((const BYTE *)&blob, sizeof blob, pbBlob, pulBlobLen);
}

typedef struct {
  long delay_ms;
} sign_ctx;

static int count_sign(sim_device *d, void *p) {
  ((sign_ctx *)p)->delay_ms = d->sign_delay_ms;
  d->sign_count++;
  return 0;
}

SKF_EXPORT ULONG SKF_ECCSignData(HCONTAINER hContainer, BYTE *pbDigest, ULONG ulDigestLen,
                                 ECCSIGNATUREBLOB *pSignature) {
  sim_device d;
  con_handle *c = hContainer;
  ULONG rv = container_alive(c, &d);
  if (rv != SAR_OK) return rv;
  if (!c->app->logged_in) return SAR_USER_NOT_LOGGED_IN;
  if (pbDigest == NULL || pSignature == NULL) return SAR_INVALIDPARAMERR;
  if (ulDigestLen != 32) return SAR_INDATALENERR;
  EVP_PKEY *key = load_sign_key(c);
  if (key == NULL) return SAR_KEYNOTFOUNTERR;
  sign_ctx s = {0};
  sim_device_update(c->app->dev->name, count_sign, &s, &d);
  if (s.delay_ms > 0) sleep_ms(s.delay_ms);

  /* The SM2 signature provider signs its input as the digest e: Z was already hashed in. */
  ULONG result = SAR_FAIL;
  unsigned char der[128];
  size_t der_len = sizeof der;
  EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_pkey(NULL, key, NULL);
  if (ctx != NULL && EVP_PKEY_sign_init(ctx) == 1 &&
      EVP_PKEY_sign(ctx, der, &der_len, pbDigest, ulDigestLen) == 1) {
    const unsigned char *p = der;
    ECDSA_SIG *sig = d2i_ECDSA_SIG(NULL, &p, (long)der_len);
    if (sig != NULL) {
      memset(pSignature, 0, sizeof *pSignature);
      const BIGNUM *r = ECDSA_SIG_get0_r(sig), *sv = ECDSA_SIG_get0_s(sig);
      if (BN_bn2binpad(r, pSignature->r + 32, 32) == 32 &&
          BN_bn2binpad(sv, pSignature->s + 32, 32) == 32)
        result = SAR_OK;
      ECDSA_SIG_free(sig);
    }
  }
  EVP_PKEY_CTX_free(ctx);
  EVP_PKEY_free(key);
  /* Pulled out while signing: the signature never left the device. */
  if (result == SAR_OK && device_alive(c->app->dev, &d) != SAR_OK) return SAR_DEVICE_REMOVED;
  return result;
}

/* ---- digest ----------------------------------------------------------------------------- */

/* a, b, xG, yG of the SM2 curve (GM/T 0003.5), 32 bytes each, from OpenSSL's own table. */
static int sm2_curve_params(unsigned char out[4][32]) {
  EC_GROUP *group = EC_GROUP_new_by_curve_name(NID_sm2);
  BIGNUM *p = BN_new(), *a = BN_new(), *b = BN_new();
  unsigned char g[65];
  int ok = group != NULL && p != NULL && a != NULL && b != NULL &&
           EC_GROUP_get_curve(group, p, a, b, NULL) == 1 && BN_bn2binpad(a, out[0], 32) == 32 &&
           BN_bn2binpad(b, out[1], 32) == 32 &&
           EC_POINT_point2oct(group, EC_GROUP_get0_generator(group), POINT_CONVERSION_UNCOMPRESSED,
                              g, sizeof g, NULL) == sizeof g;
  if (ok) {
    memcpy(out[2], g + 1, 32);
    memcpy(out[3], g + 33, 32);
  }
  BN_free(p);
  BN_free(a);
  BN_free(b);
  EC_GROUP_free(group);
  return ok ? 0 : -1;
}

/* Z = SM3(ENTL || ID || a || b || xG || yG || xA || yA), GM/T 0003.2 */
static int sm2_z(const ECCPUBLICKEYBLOB *key, const BYTE *id, ULONG id_len, unsigned char z[32]) {
  if (id_len > 8191 || key->BitLen != 256) return -1;
  unsigned char curve[4][32];
  if (sm2_curve_params(curve) != 0) return -1;
  unsigned char entl[2] = {(unsigned char)((id_len * 8) >> 8), (unsigned char)(id_len * 8)};
  EVP_MD_CTX *ctx = EVP_MD_CTX_new();
  unsigned int len = 0;
  int ok = ctx != NULL && EVP_DigestInit_ex(ctx, EVP_sm3(), NULL) == 1 &&
           EVP_DigestUpdate(ctx, entl, 2) == 1 && EVP_DigestUpdate(ctx, id, id_len) == 1;
  for (int i = 0; ok && i < 4; i++) ok = EVP_DigestUpdate(ctx, curve[i], 32) == 1;
  ok = ok && EVP_DigestUpdate(ctx, key->XCoordinate + 32, 32) == 1 &&
       EVP_DigestUpdate(ctx, key->YCoordinate + 32, 32) == 1 &&
       EVP_DigestFinal_ex(ctx, z, &len) == 1 && len == 32;
  EVP_MD_CTX_free(ctx);
  return ok ? 0 : -1;
}

SKF_EXPORT ULONG SKF_DigestInit(DEVHANDLE hDev, ULONG ulAlgID, ECCPUBLICKEYBLOB *pPubKey,
                                BYTE *pbID, ULONG ulIDLen, HANDLE *phHash) {
  sim_device d;
  ULONG rv = device_alive(hDev, &d);
  if (rv != SAR_OK) return rv;
  if (ulAlgID != SGD_SM3 || phHash == NULL) return SAR_INVALIDPARAMERR;
  hash_handle *h = calloc(1, sizeof *h);
  if (h == NULL) return SAR_MEMORYERR;
  h->magic = MAGIC_HASH;
  h->ctx = EVP_MD_CTX_new();
  int ok = h->ctx != NULL && EVP_DigestInit_ex(h->ctx, EVP_sm3(), NULL) == 1;
  if (ok && pPubKey != NULL) {
    unsigned char z[32];
    ok = pbID != NULL && ulIDLen > 0 && sm2_z(pPubKey, pbID, ulIDLen, z) == 0 &&
         EVP_DigestUpdate(h->ctx, z, 32) == 1;
  }
  if (!ok) {
    EVP_MD_CTX_free(h->ctx);
    free(h);
    return SAR_HASHERR;
  }
  *phHash = h;
  return SAR_OK;
}

static hash_handle *hash_of(HANDLE h) {
  hash_handle *x = h;
  return (x != NULL && x->magic == MAGIC_HASH) ? x : NULL;
}

SKF_EXPORT ULONG SKF_DigestUpdate(HANDLE hHash, BYTE *pbData, ULONG ulDataLen) {
  hash_handle *h = hash_of(hHash);
  if (h == NULL) return SAR_INVALIDHANDLEERR;
  if (pbData == NULL && ulDataLen > 0) return SAR_INVALIDPARAMERR;
  return EVP_DigestUpdate(h->ctx, pbData, ulDataLen) == 1 ? SAR_OK : SAR_HASHERR;
}

SKF_EXPORT ULONG SKF_DigestFinal(HANDLE hHash, BYTE *pHashData, ULONG *pulHashLen) {
  hash_handle *h = hash_of(hHash);
  if (h == NULL) return SAR_INVALIDHANDLEERR;
  if (pulHashLen == NULL) return SAR_INVALIDPARAMERR;
  if (pHashData == NULL) {
    *pulHashLen = 32;
    return SAR_OK;
  }
  if (*pulHashLen < 32) {
    *pulHashLen = 32;
    return SAR_BUFFER_TOO_SMALL;
  }
  unsigned int len = 0;
  if (EVP_DigestFinal_ex(h->ctx, pHashData, &len) != 1) return SAR_HASHERR;
  *pulHashLen = len;
  return SAR_OK;
}

SKF_EXPORT ULONG SKF_Digest(HANDLE hHash, BYTE *pbData, ULONG ulDataLen, BYTE *pbHashData,
                            ULONG *pulHashLen) {
  hash_handle *h = hash_of(hHash);
  if (h == NULL) return SAR_INVALIDHANDLEERR;
  if (pulHashLen == NULL) return SAR_INVALIDPARAMERR;
  if (pbHashData == NULL || *pulHashLen < 32) return SKF_DigestFinal(hHash, pbHashData, pulHashLen);
  ULONG rv = SKF_DigestUpdate(hHash, pbData, ulDataLen);
  return rv != SAR_OK ? rv : SKF_DigestFinal(hHash, pbHashData, pulHashLen);
}

SKF_EXPORT ULONG SKF_CloseHandle(HANDLE hHandle) {
  hash_handle *h = hash_of(hHandle);
  if (h == NULL) return SAR_INVALIDHANDLEERR;
  EVP_MD_CTX_free(h->ctx);
  return free_handle(h, MAGIC_HASH);
}
