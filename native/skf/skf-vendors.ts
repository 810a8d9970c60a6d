// The known U-Key vendors' SKF libraries (resources/skf-modules.json), in the same shape and
// checked by the same schema as the PKCS#11 table, so a bad edit by IT fails loudly at start.
import skfJson from '../../resources/skf-modules.json' with { type: 'json' };
import { parseVendorRegistry, type VendorModule } from '../pkcs11/vendor-registry';

export const skfVendorModules: readonly VendorModule[] = parseVendorRegistry(skfJson);
