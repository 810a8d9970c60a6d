/*
 * SM2 key objects held by the simulator, and the PKCS#11 calls that see them: object search and
 * attributes, key-pair generation, destruction and signing. Calls about anything else go to the
 * backend unchanged. Signing waits the slot's delay and counts like any other signature, and the
 * PIN is the token's own (the backend's login), so the counter, removal and delay all apply.
 *
 * Signatures are SM2 with SM3, Z computed with the ID "1234567812345678", returned as raw r||s
 * (64 bytes). A profile's message mechanism hashes inside the token; its digest mechanism signs a
 * precomputed e = SM3(Z || M) of 32 bytes.
 */
#define _GNU_SOURCE
#include "sm2.h"

#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sessions.h"
#include "sim.h"
#include "state.h"

#define MAX_KEYS 16
#define MAX_OPS 64
#define MAX_ID 64
#define MAX_LABEL 64
#define HANDLE_BASE 0x7E000000UL
#define SM2_ID "1234567812345678"

/* ---- vendor profiles ---- */

typedef struct {
  const char *name;
  CK_KEY_TYPE key_type;
  CK_MECHANISM_TYPE keygen;
  CK_MECHANISM_TYPE sign_message; /* 0: not offered */
  CK_MECHANISM_TYPE sign_digest;  /* 0: not offered */
} sm2_profile;

static const sm2_profile profiles[] = {
    /* CKM_VENDOR_DEFINED + 0x8000 family (CKK_SM2 = CKK_VENDOR_DEFINED + 4, CKM_SM3_SM2 = +0x8100). */
    {"gm-vendor", CKK_VENDOR_DEFINED + 4, CKM_VENDOR_DEFINED + 0x8001, CKM_VENDOR_DEFINED + 0x8100, 0},
    /* IBM numbering (CKK_IBM_SM2, CKM_IBM_SM2_KEY_PAIR_GEN, CKM_IBM_SM2 over a precomputed e). */
    {"ibm", 0x80050002UL, 0x8005000AUL, 0, 0x8005000BUL},
};

/* The slot's profile; NULL for "none" (the token has no SM2). */
static const sm2_profile *profile_of(CK_SLOT_ID slot) {
  sim_state st;
  sim_state_read(slot, &st);
  if (st.sm2_profile[0] == '\0') return &profiles[0];
  for (size_t i = 0; i < sizeof profiles / sizeof *profiles; i++)
    if (strcmp(st.sm2_profile, profiles[i].name) == 0) return &profiles[i];
  return NULL;
}

CK_ULONG sm2_mechanism_count(CK_SLOT_ID slot) {
  const sm2_profile *p = profile_of(slot);
  if (p == NULL) return 0;
  return 1 + (p->sign_message != 0) + (p->sign_digest != 0);
}

CK_ULONG sm2_add_mechanisms(CK_SLOT_ID slot, CK_MECHANISM_TYPE *list, CK_ULONG n, CK_ULONG cap) {
  const sm2_profile *p = profile_of(slot);
  if (p == NULL) return n;
  CK_MECHANISM_TYPE mine[3] = {p->keygen, p->sign_message, p->sign_digest};
  for (int i = 0; i < 3; i++)
    if (mine[i] != 0 && n < cap) list[n++] = mine[i];
  return n;
}

int sm2_mechanism_info(CK_SLOT_ID slot, CK_MECHANISM_TYPE type, CK_MECHANISM_INFO *info) {
  const sm2_profile *p = profile_of(slot);
  if (p == NULL || type == 0) return 0;
  info->ulMinKeySize = 256;
  info->ulMaxKeySize = 256;
  if (type == p->keygen) info->flags = CKF_HW | CKF_GENERATE_KEY_PAIR;
  else if (type == p->sign_message || type == p->sign_digest) info->flags = CKF_HW | CKF_SIGN;
  else return 0;
  return 1;
}

/* ---- the key store: one file per token, found by the token's serial number ---- */

typedef struct {
  unsigned char id[MAX_ID];
  size_t id_len;
  char label[MAX_LABEL + 1];
  unsigned char priv[32];
  unsigned char pub[65];
} sm2_key;

static int token_serial(CK_SLOT_ID slot, char *out, size_t len) {
  CK_TOKEN_INFO info;
  if (sim_backend->C_GetTokenInfo(slot, &info) != CKR_OK) return 0;
  size_t n = 0;
  for (size_t i = 0; i < sizeof info.serialNumber && n + 1 < len; i++) {
    char c = (char)info.serialNumber[i];
    if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) out[n++] = c;
  }
  out[n] = '\0';
  return n > 0;
}

/* UKEY_SIM_KEYS keeps the keys with the token set they belong to; else the state directory. */
static int store_path(CK_SLOT_ID slot, char *path, size_t len) {
  char dir[PATH_MAX - 64], serial[40];
  if (!token_serial(slot, serial, sizeof serial)) return 0;
  const char *keys = getenv("UKEY_SIM_KEYS");
  if (keys != NULL && keys[0] != '\0') snprintf(dir, sizeof dir, "%s", keys);
  else sim_state_dir(dir, sizeof dir);
  snprintf(path, len, "%s/sm2-%s.keys", dir, serial);
  return 1;
}

static int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

static int from_hex(const char *hex, unsigned char *out, size_t cap, size_t *len) {
  size_t n = strlen(hex);
  if (n % 2 != 0 || n / 2 > cap) return 0;
  for (size_t i = 0; i < n / 2; i++) {
    int hi = hex_value(hex[2 * i]), lo = hex_value(hex[2 * i + 1]);
    if (hi < 0 || lo < 0) return 0;
    out[i] = (unsigned char)(hi * 16 + lo);
  }
  *len = n / 2;
  return 1;
}

static void to_hex(const unsigned char *in, size_t len, char *out) {
  for (size_t i = 0; i < len; i++) sprintf(out + 2 * i, "%02x", in[i]);
  out[2 * len] = '\0';
}

/* Lines "<id hex> <label hex or -> <private scalar hex> <public point hex>". */
static int load_keys(CK_SLOT_ID slot, sm2_key *keys) {
  char path[PATH_MAX];
  if (!store_path(slot, path, sizeof path)) return 0;
  FILE *f = fopen(path, "r");
  if (f == NULL) return 0;
  int n = 0;
  char line[1024], id[2 * MAX_ID + 2], label[2 * MAX_LABEL + 2], priv[80], pub[140];
  while (n < MAX_KEYS && fgets(line, sizeof line, f) != NULL) {
    if (sscanf(line, "%129s %129s %79s %139s", id, label, priv, pub) != 4) continue;
    sm2_key *k = &keys[n];
    memset(k, 0, sizeof *k);
    size_t len = 0;
    if (strcmp(id, "-") != 0 && !from_hex(id, k->id, sizeof k->id, &k->id_len)) continue;
    if (strcmp(label, "-") != 0) {
      if (!from_hex(label, (unsigned char *)k->label, MAX_LABEL, &len)) continue;
      k->label[len] = '\0';
    }
    if (!from_hex(priv, k->priv, sizeof k->priv, &len) || len != 32) continue;
    if (!from_hex(pub, k->pub, sizeof k->pub, &len) || len != 65) continue;
    n++;
  }
  fclose(f);
  return n;
}

static int save_keys(CK_SLOT_ID slot, const sm2_key *keys, int n) {
  char path[PATH_MAX], tmp[PATH_MAX + 32];
  if (!store_path(slot, path, sizeof path)) return -1;
  snprintf(tmp, sizeof tmp, "%s.tmp-%ld", path, (long)getpid());
  FILE *f = fopen(tmp, "w");
  if (f == NULL) return -1;
  for (int i = 0; i < n; i++) {
    char id[2 * MAX_ID + 1], label[2 * MAX_LABEL + 1], priv[65], pub[131];
    to_hex(keys[i].id, keys[i].id_len, id);
    to_hex((const unsigned char *)keys[i].label, strlen(keys[i].label), label);
    to_hex(keys[i].priv, 32, priv);
    to_hex(keys[i].pub, 65, pub);
    fprintf(f, "%s %s %s %s\n", id[0] ? id : "-", label[0] ? label : "-", priv, pub);
  }
  if (fclose(f) != 0 || rename(tmp, path) != 0) {
    unlink(tmp);
    return -1;
  }
  return 0;
}

/* ---- OpenSSL ---- */

static EVP_PKEY *pkey_of(const sm2_key *k) {
  EVP_PKEY *pkey = NULL;
  OSSL_PARAM_BLD *bld = OSSL_PARAM_BLD_new();
  BIGNUM *d = BN_bin2bn(k->priv, 32, NULL);
  OSSL_PARAM *params = NULL;
  EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_name(NULL, "SM2", NULL);
  if (bld != NULL && d != NULL && ctx != NULL &&
      OSSL_PARAM_BLD_push_utf8_string(bld, OSSL_PKEY_PARAM_GROUP_NAME, "SM2", 0) &&
      OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_PRIV_KEY, d) &&
      OSSL_PARAM_BLD_push_octet_string(bld, OSSL_PKEY_PARAM_PUB_KEY, k->pub, 65) &&
      (params = OSSL_PARAM_BLD_to_param(bld)) != NULL && EVP_PKEY_fromdata_init(ctx) > 0) {
    if (EVP_PKEY_fromdata(ctx, &pkey, EVP_PKEY_KEYPAIR, params) <= 0) pkey = NULL;
  }
  OSSL_PARAM_free(params);
  EVP_PKEY_CTX_free(ctx);
  BN_clear_free(d);
  OSSL_PARAM_BLD_free(bld);
  return pkey;
}

static int generate_key(sm2_key *k) {
  EVP_PKEY *pkey = EVP_PKEY_Q_keygen(NULL, NULL, "SM2");
  BIGNUM *d = NULL;
  size_t len = 0;
  int ok = pkey != NULL && EVP_PKEY_get_bn_param(pkey, OSSL_PKEY_PARAM_PRIV_KEY, &d) &&
           BN_bn2binpad(d, k->priv, 32) == 32 &&
           EVP_PKEY_get_octet_string_param(pkey, OSSL_PKEY_PARAM_PUB_KEY, k->pub, sizeof k->pub, &len) &&
           len == 65;
  BN_clear_free(d);
  EVP_PKEY_free(pkey);
  return ok;
}

/* DER ECDSA-Sig-Value → raw r||s. */
static int der_to_raw(const unsigned char *der, size_t len, unsigned char raw[64]) {
  const unsigned char *p = der;
  ECDSA_SIG *sig = d2i_ECDSA_SIG(NULL, &p, (long)len);
  if (sig == NULL) return 0;
  const BIGNUM *r = NULL, *s = NULL;
  ECDSA_SIG_get0(sig, &r, &s);
  int ok = BN_bn2binpad(r, raw, 32) == 32 && BN_bn2binpad(s, raw + 32, 32) == 32;
  ECDSA_SIG_free(sig);
  return ok;
}

/* Signs a message (SM3 with Z inside) or a 32-byte e; raw r||s into `raw`. */
static int sign_raw(const sm2_key *k, int digest, const unsigned char *in, size_t len, unsigned char raw[64]) {
  EVP_PKEY *pkey = pkey_of(k);
  if (pkey == NULL) return 0;
  unsigned char der[128];
  size_t der_len = sizeof der;
  int ok = 0;
  EVP_PKEY_CTX *pctx = EVP_PKEY_CTX_new_from_pkey(NULL, pkey, NULL);
  if (digest) {
    ok = pctx != NULL && len == 32 && EVP_PKEY_sign_init(pctx) > 0 &&
         EVP_PKEY_sign(pctx, der, &der_len, in, len) > 0;
  } else {
    EVP_MD_CTX *md = EVP_MD_CTX_new();
    ok = md != NULL && pctx != NULL && EVP_PKEY_CTX_set1_id(pctx, SM2_ID, strlen(SM2_ID)) > 0;
    if (ok) {
      EVP_MD_CTX_set_pkey_ctx(md, pctx);
      ok = EVP_DigestSignInit(md, NULL, EVP_sm3(), NULL, pkey) > 0 &&
           EVP_DigestSign(md, der, &der_len, in, len) > 0;
    }
    EVP_MD_CTX_free(md);
  }
  EVP_PKEY_CTX_free(pctx);
  EVP_PKEY_free(pkey);
  return ok && der_to_raw(der, der_len, raw);
}

/* ---- objects: handle = HANDLE_BASE + 2 * key index (+1 for the public key) ---- */

static const unsigned char SM2_EC_PARAMS[] = {0x06, 0x08, 0x2a, 0x81, 0x1c, 0xcf, 0x55, 0x01, 0x82, 0x2d};

static int is_ours(CK_OBJECT_HANDLE o) { return o >= HANDLE_BASE && o < HANDLE_BASE + 2 * MAX_KEYS; }

static int logged_in(CK_SESSION_HANDLE h) {
  CK_SESSION_INFO info;
  if (sim_backend->C_GetSessionInfo(h, &info) != CKR_OK) return 0;
  return info.state == CKS_RO_USER_FUNCTIONS || info.state == CKS_RW_USER_FUNCTIONS;
}

/*
 * The value of one attribute of key `k` (public or private object): 1 and its bytes, 0 when the
 * object has no such attribute, -1 when it is sensitive.
 */
static int attr_value(const sm2_key *k, int pub, const sm2_profile *p, CK_ATTRIBUTE_TYPE type,
                      unsigned char *out, CK_ULONG *len) {
  CK_ULONG ul;
  CK_BBOOL b;
  const void *src = NULL;
  CK_ULONG n = 0;
  switch (type) {
    case CKA_CLASS: ul = pub ? CKO_PUBLIC_KEY : CKO_PRIVATE_KEY; src = &ul; n = sizeof ul; break;
    case CKA_KEY_TYPE: ul = p->key_type; src = &ul; n = sizeof ul; break;
    case CKA_ID: src = k->id; n = k->id_len; break;
    case CKA_LABEL: src = k->label; n = strlen(k->label); break;
    case CKA_EC_PARAMS: src = SM2_EC_PARAMS; n = sizeof SM2_EC_PARAMS; break;
    case CKA_TOKEN: b = CK_TRUE; src = &b; n = 1; break;
    case CKA_LOCAL: b = CK_TRUE; src = &b; n = 1; break;
    case CKA_PRIVATE: b = pub ? CK_FALSE : CK_TRUE; src = &b; n = 1; break;
    case CKA_SIGN: if (pub) return 0; b = CK_TRUE; src = &b; n = 1; break;
    case CKA_SENSITIVE: if (pub) return 0; b = CK_TRUE; src = &b; n = 1; break;
    case CKA_EXTRACTABLE: if (pub) return 0; b = CK_FALSE; src = &b; n = 1; break;
    case CKA_VERIFY: if (!pub) return 0; b = CK_TRUE; src = &b; n = 1; break;
    case CKA_EC_POINT: {
      if (!pub) return 0;
      unsigned char point[67] = {0x04, 0x41};
      memcpy(point + 2, k->pub, 65);
      memcpy(out, point, sizeof point);
      *len = sizeof point;
      return 1;
    }
    case CKA_VALUE: return pub ? 0 : -1;
    default: return 0;
  }
  memcpy(out, src, n);
  *len = n;
  return 1;
}

static int matches(const sm2_key *k, int pub, const sm2_profile *p, CK_ATTRIBUTE_PTR t, CK_ULONG n) {
  for (CK_ULONG i = 0; i < n; i++) {
    unsigned char v[128];
    CK_ULONG len = 0;
    if (attr_value(k, pub, p, t[i].type, v, &len) != 1) return 0;
    if (len != t[i].ulValueLen || (len > 0 && memcmp(v, t[i].pValue, len) != 0)) return 0;
  }
  return 1;
}

/* ---- per-session operations ---- */

typedef struct {
  CK_SESSION_HANDLE h;
  int in_use;
  /* search */
  CK_OBJECT_HANDLE found[2 * MAX_KEYS];
  CK_ULONG found_n, found_pos;
  int searching;
  /* signing */
  int signing, digest;
  int key;
  unsigned char *data;
  size_t data_len;
} sm2_op;

static pthread_mutex_t ops_lock = PTHREAD_MUTEX_INITIALIZER;
static sm2_op ops[MAX_OPS];

/* The session's entry, made when `create`; call with ops_lock held. */
static sm2_op *op_of(CK_SESSION_HANDLE h, int create) {
  sm2_op *free_slot = NULL;
  for (int i = 0; i < MAX_OPS; i++) {
    if (ops[i].in_use && ops[i].h == h) return &ops[i];
    if (!ops[i].in_use && free_slot == NULL) free_slot = &ops[i];
  }
  if (!create || free_slot == NULL) return NULL;
  memset(free_slot, 0, sizeof *free_slot);
  free_slot->in_use = 1;
  free_slot->h = h;
  return free_slot;
}

static void end_signing(sm2_op *op) {
  if (op->data != NULL) {
    memset(op->data, 0, op->data_len);
    free(op->data);
  }
  op->data = NULL;
  op->data_len = 0;
  op->signing = 0;
}

void sm2_session_closed(CK_SESSION_HANDLE h) {
  pthread_mutex_lock(&ops_lock);
  sm2_op *op = op_of(h, 0);
  if (op != NULL) {
    end_signing(op);
    op->in_use = 0;
  }
  pthread_mutex_unlock(&ops_lock);
}

static int session_slot(CK_SESSION_HANDLE h, CK_SLOT_ID *slot) {
  CK_SESSION_INFO info;
  if (sessions_slot(h, slot)) return 1;
  if (sim_backend->C_GetSessionInfo(h, &info) != CKR_OK) return 0;
  *slot = info.slotID;
  return 1;
}

/* ---- search ---- */

CK_DEFINE_FUNCTION(CK_RV, C_FindObjectsInit)(CK_SESSION_HANDLE h, CK_ATTRIBUTE_PTR t, CK_ULONG n) {
  CK_RV rv = sim_guard_session(h);
  if (rv != CKR_OK) return rv;
  if ((rv = sim_backend->C_FindObjectsInit(h, t, n)) != CKR_OK) return rv;
  CK_SLOT_ID slot;
  const sm2_profile *p = NULL;
  sm2_key keys[MAX_KEYS];
  int count = 0;
  if (session_slot(h, &slot) && (p = profile_of(slot)) != NULL) count = load_keys(slot, keys);
  int user = count > 0 && logged_in(h);
  pthread_mutex_lock(&ops_lock);
  sm2_op *op = op_of(h, 1);
  if (op != NULL) {
    op->found_n = op->found_pos = 0;
    op->searching = 1;
    for (int i = 0; i < count; i++) {
      if (user && matches(&keys[i], 0, p, t, n)) op->found[op->found_n++] = HANDLE_BASE + 2 * i;
      if (matches(&keys[i], 1, p, t, n)) op->found[op->found_n++] = HANDLE_BASE + 2 * i + 1;
    }
  }
  pthread_mutex_unlock(&ops_lock);
  memset(keys, 0, sizeof keys);
  return CKR_OK;
}

CK_DEFINE_FUNCTION(CK_RV, C_FindObjects)
(CK_SESSION_HANDLE h, CK_OBJECT_HANDLE_PTR out, CK_ULONG max, CK_ULONG_PTR count) {
  CK_RV rv = sim_guard_session(h);
  if (rv != CKR_OK) return rv;
  if (out == NULL || count == NULL) return CKR_ARGUMENTS_BAD;
  CK_ULONG n = 0;
  pthread_mutex_lock(&ops_lock);
  sm2_op *op = op_of(h, 0);
  if (op != NULL && op->searching)
    while (n < max && op->found_pos < op->found_n) out[n++] = op->found[op->found_pos++];
  pthread_mutex_unlock(&ops_lock);
  if (n > 0) {
    *count = n;
    return CKR_OK;
  }
  return sim_backend->C_FindObjects(h, out, max, count);
}

CK_DEFINE_FUNCTION(CK_RV, C_FindObjectsFinal)(CK_SESSION_HANDLE h) {
  CK_RV rv = sim_guard_session(h);
  if (rv != CKR_OK) return rv;
  pthread_mutex_lock(&ops_lock);
  sm2_op *op = op_of(h, 0);
  if (op != NULL) op->searching = 0;
  pthread_mutex_unlock(&ops_lock);
  return sim_backend->C_FindObjectsFinal(h);
}

/* ---- attributes ---- */

/* The key behind one of our handles, if the session may see it. */
static CK_RV our_key(CK_SESSION_HANDLE h, CK_OBJECT_HANDLE o, sm2_key *key, int *pub,
                     const sm2_profile **p, CK_SLOT_ID *slot) {
  sm2_key keys[MAX_KEYS];
  int index = (int)((o - HANDLE_BASE) / 2);
  *pub = (int)((o - HANDLE_BASE) % 2);
  if (!session_slot(h, slot) || (*p = profile_of(*slot)) == NULL) return CKR_OBJECT_HANDLE_INVALID;
  int count = load_keys(*slot, keys);
  if (index >= count || (!*pub && !logged_in(h))) {
    memset(keys, 0, sizeof keys);
    return CKR_OBJECT_HANDLE_INVALID;
  }
  *key = keys[index];
  memset(keys, 0, sizeof keys);
  return CKR_OK;
}

CK_DEFINE_FUNCTION(CK_RV, C_GetAttributeValue)
(CK_SESSION_HANDLE h, CK_OBJECT_HANDLE o, CK_ATTRIBUTE_PTR t, CK_ULONG n) {
  CK_RV rv = sim_guard_session(h);
  if (rv != CKR_OK) return rv;
  if (!is_ours(o)) return sim_backend->C_GetAttributeValue(h, o, t, n);
  sm2_key key;
  int pub;
  const sm2_profile *p;
  CK_SLOT_ID slot;
  if ((rv = our_key(h, o, &key, &pub, &p, &slot)) != CKR_OK) return rv;
  CK_RV result = CKR_OK;
  for (CK_ULONG i = 0; i < n; i++) {
    unsigned char v[128];
    CK_ULONG len = 0;
    int got = attr_value(&key, pub, p, t[i].type, v, &len);
    if (got != 1) {
      t[i].ulValueLen = CK_UNAVAILABLE_INFORMATION;
      result = got < 0 ? CKR_ATTRIBUTE_SENSITIVE : CKR_ATTRIBUTE_TYPE_INVALID;
    } else if (t[i].pValue == NULL) {
      t[i].ulValueLen = len;
    } else if (t[i].ulValueLen < len) {
      t[i].ulValueLen = CK_UNAVAILABLE_INFORMATION;
      result = CKR_BUFFER_TOO_SMALL;
    } else {
      memcpy(t[i].pValue, v, len);
      t[i].ulValueLen = len;
    }
  }
  memset(&key, 0, sizeof key);
  return result;
}

/* ---- generation and destruction ---- */

static void template_bytes(CK_ATTRIBUTE_PTR t, CK_ULONG n, CK_ATTRIBUTE_TYPE type, void *out,
                           size_t cap, size_t *len) {
  for (CK_ULONG i = 0; i < n; i++) {
    if (t[i].type == type && t[i].pValue != NULL && t[i].ulValueLen <= cap) {
      memcpy(out, t[i].pValue, t[i].ulValueLen);
      *len = t[i].ulValueLen;
      return;
    }
  }
}

CK_DEFINE_FUNCTION(CK_RV, C_GenerateKeyPair)
(CK_SESSION_HANDLE h, CK_MECHANISM_PTR m, CK_ATTRIBUTE_PTR pubT, CK_ULONG pubN,
 CK_ATTRIBUTE_PTR privT, CK_ULONG privN, CK_OBJECT_HANDLE_PTR phPub, CK_OBJECT_HANDLE_PTR phPriv) {
  CK_RV rv = sim_guard_session(h);
  if (rv != CKR_OK) return rv;
  CK_SLOT_ID slot;
  const sm2_profile *p = NULL;
  if (m == NULL || !session_slot(h, &slot) || (p = profile_of(slot)) == NULL || m->mechanism != p->keygen)
    return sim_backend->C_GenerateKeyPair(h, m, pubT, pubN, privT, privN, phPub, phPriv);
  if (phPub == NULL || phPriv == NULL) return CKR_ARGUMENTS_BAD;
  if (!logged_in(h)) return CKR_USER_NOT_LOGGED_IN;
  sm2_key key;
  memset(&key, 0, sizeof key);
  size_t len = 0;
  template_bytes(pubT, pubN, CKA_ID, key.id, sizeof key.id, &key.id_len);
  template_bytes(privT, privN, CKA_ID, key.id, sizeof key.id, &key.id_len);
  template_bytes(pubT, pubN, CKA_LABEL, key.label, MAX_LABEL, &len);
  template_bytes(privT, privN, CKA_LABEL, key.label, MAX_LABEL, &len);
  key.label[len] = '\0';
  if (!generate_key(&key)) return CKR_DEVICE_ERROR;
  int lock = sim_state_lock();
  if (lock < 0) return CKR_DEVICE_ERROR;
  sm2_key keys[MAX_KEYS];
  int count = load_keys(slot, keys);
  if (count >= MAX_KEYS) rv = CKR_DEVICE_MEMORY;
  else {
    keys[count] = key;
    rv = save_keys(slot, keys, count + 1) == 0 ? CKR_OK : CKR_DEVICE_ERROR;
  }
  sim_state_unlock(lock);
  memset(keys, 0, sizeof keys);
  memset(&key, 0, sizeof key);
  if (rv != CKR_OK) return rv;
  *phPriv = HANDLE_BASE + 2 * count;
  *phPub = HANDLE_BASE + 2 * count + 1;
  return CKR_OK;
}

CK_DEFINE_FUNCTION(CK_RV, C_DestroyObject)(CK_SESSION_HANDLE h, CK_OBJECT_HANDLE o) {
  CK_RV rv = sim_guard_session(h);
  if (rv != CKR_OK) return rv;
  if (!is_ours(o)) return sim_backend->C_DestroyObject(h, o);
  sm2_key key;
  int pub;
  const sm2_profile *p;
  CK_SLOT_ID slot;
  if ((rv = our_key(h, o, &key, &pub, &p, &slot)) != CKR_OK) return rv;
  memset(&key, 0, sizeof key);
  if (!logged_in(h)) return CKR_USER_NOT_LOGGED_IN;
  /* A key pair is one record: destroying either half removes both. */
  int lock = sim_state_lock();
  if (lock < 0) return CKR_DEVICE_ERROR;
  sm2_key keys[MAX_KEYS];
  int count = load_keys(slot, keys), index = (int)((o - HANDLE_BASE) / 2);
  if (index < count) {
    memmove(&keys[index], &keys[index + 1], (size_t)(count - index - 1) * sizeof *keys);
    rv = save_keys(slot, keys, count - 1) == 0 ? CKR_OK : CKR_DEVICE_ERROR;
  } else {
    rv = CKR_OBJECT_HANDLE_INVALID;
  }
  sim_state_unlock(lock);
  memset(keys, 0, sizeof keys);
  return rv;
}

/* ---- signing ---- */

CK_DEFINE_FUNCTION(CK_RV, C_SignInit)(CK_SESSION_HANDLE h, CK_MECHANISM_PTR m, CK_OBJECT_HANDLE o) {
  CK_RV rv = sim_guard_session(h);
  if (rv != CKR_OK) return rv;
  if (!is_ours(o)) return sim_backend->C_SignInit(h, m, o);
  if (m == NULL) return CKR_ARGUMENTS_BAD;
  sm2_key key;
  int pub;
  const sm2_profile *p;
  CK_SLOT_ID slot;
  if ((rv = our_key(h, o, &key, &pub, &p, &slot)) != CKR_OK) return rv;
  memset(&key, 0, sizeof key);
  if (pub) return CKR_KEY_FUNCTION_NOT_PERMITTED;
  int digest;
  if (m->mechanism != 0 && m->mechanism == p->sign_message) digest = 0;
  else if (m->mechanism != 0 && m->mechanism == p->sign_digest) digest = 1;
  else return CKR_MECHANISM_INVALID;
  pthread_mutex_lock(&ops_lock);
  sm2_op *op = op_of(h, 1);
  if (op == NULL) rv = CKR_HOST_MEMORY;
  else if (op->signing) rv = CKR_OPERATION_ACTIVE;
  else {
    op->signing = 1;
    op->digest = digest;
    op->key = (int)((o - HANDLE_BASE) / 2);
  }
  pthread_mutex_unlock(&ops_lock);
  return rv;
}

int sm2_signing(CK_SESSION_HANDLE h) {
  pthread_mutex_lock(&ops_lock);
  sm2_op *op = op_of(h, 0);
  int active = op != NULL && op->signing;
  pthread_mutex_unlock(&ops_lock);
  return active;
}

CK_DEFINE_FUNCTION(CK_RV, C_SignUpdate)(CK_SESSION_HANDLE h, CK_BYTE_PTR data, CK_ULONG len) {
  CK_RV rv = sim_guard_session(h);
  if (rv != CKR_OK) return rv;
  if (!sm2_signing(h)) return sim_backend->C_SignUpdate(h, data, len);
  if (data == NULL && len > 0) return CKR_ARGUMENTS_BAD;
  pthread_mutex_lock(&ops_lock);
  sm2_op *op = op_of(h, 0);
  unsigned char *grown = op->digest ? NULL : realloc(op->data, op->data_len + len + 1);
  if (grown == NULL) {
    end_signing(op);
    rv = op->digest ? CKR_FUNCTION_NOT_SUPPORTED : CKR_HOST_MEMORY;
  } else {
    memcpy(grown + op->data_len, data, len);
    op->data = grown;
    op->data_len += len;
  }
  pthread_mutex_unlock(&ops_lock);
  return rv;
}

/*
 * Finishes the session's SM2 signature over `data` (C_Sign, `single`) or what C_SignUpdate
 * gathered (C_SignFinal). A length query leaves the operation active, as PKCS#11 wants.
 */
CK_RV sm2_sign_finish(CK_SESSION_HANDLE h, int single, const CK_BYTE *data, CK_ULONG len,
                      CK_BYTE_PTR sig, CK_ULONG_PTR sig_len) {
  if (sig_len == NULL) return CKR_ARGUMENTS_BAD;
  if (sig == NULL) {
    *sig_len = 64;
    return CKR_OK;
  }
  if (*sig_len < 64) {
    *sig_len = 64;
    return CKR_BUFFER_TOO_SMALL;
  }
  CK_RV rv = sim_device_delay(h);
  pthread_mutex_lock(&ops_lock);
  sm2_op *op = op_of(h, 0);
  if (op == NULL || !op->signing) {
    pthread_mutex_unlock(&ops_lock);
    return rv != CKR_OK ? rv : CKR_OPERATION_NOT_INITIALIZED;
  }
  int digest = op->digest, index = op->key;
  unsigned char *buf = NULL;
  size_t buf_len = single ? len : op->data_len;
  if (single && data == NULL && len > 0) rv = CKR_ARGUMENTS_BAD;
  if (rv == CKR_OK && (buf = malloc(buf_len + 1)) == NULL) rv = CKR_HOST_MEMORY;
  if (buf != NULL && buf_len > 0) memcpy(buf, single ? data : op->data, buf_len);
  end_signing(op);
  pthread_mutex_unlock(&ops_lock);
  if (rv != CKR_OK) {
    free(buf);
    return rv;
  }
  CK_SLOT_ID slot;
  sm2_key keys[MAX_KEYS];
  int count = session_slot(h, &slot) ? load_keys(slot, keys) : 0;
  if (index >= count) rv = CKR_KEY_HANDLE_INVALID;
  else if (digest && buf_len != 32) rv = CKR_DATA_LEN_RANGE;
  else if (!sign_raw(&keys[index], digest, buf, buf_len, sig)) rv = CKR_DEVICE_ERROR;
  memset(keys, 0, sizeof keys);
  if (buf != NULL) memset(buf, 0, buf_len);
  free(buf);
  if (rv != CKR_OK) return rv;
  *sig_len = 64;
  return sim_count_sign(h, sig, sig_len);
}
