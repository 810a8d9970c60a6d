/* The PKCS#11 headers that pkcs11js ships define the platform macros (CK_PTR, CK_DECLARE_FUNCTION,
 * ...) themselves; build.ts puts node_modules/pkcs11js/includes on the include path. */
#ifndef UKEY_SIM_PKCS11_H
#define UKEY_SIM_PKCS11_H
#include <pkcs11/pkcs11.h>
#endif
