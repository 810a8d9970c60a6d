export { Pkcs11ModuleHost, type ModuleHostOptions } from './module-host';
export type {
  CertificateEntry,
  ModuleInfoView,
  PollResult,
  SlotState,
  TokenEntry,
  TokenInfoView,
} from './types';
export {
  identifyVendor,
  moduleFileName,
  vendorModules,
  type VendorModule,
} from './vendor-registry';
