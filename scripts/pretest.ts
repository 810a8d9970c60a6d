// `npm test` runs this first: what the tests need from the system, installed if we can.
import { ensureSystemPackages, missingPackages } from './system-packages';

const missing = missingPackages();
if (missing.length === 0) {
  console.log('pretest: softhsm2, opensc, chromium and a CJK font (fonts-noto-cjk) are present.');
} else if (!ensureSystemPackages(missing)) {
  process.exit(1);
}
