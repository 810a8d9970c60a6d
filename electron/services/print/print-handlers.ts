// 回执 for printing: fetched from the service for the current unit, with the signer's name when
// the signing certificate is this session's.
import { AppError } from '../../../domain/errors';
import { receiptPath, receiptResponseSchema } from '../../../domain/protocol/receipt';
import type { Handlers } from '../app-services-types';
import type { AuthService } from '../auth/auth-service';
import type { ServiceClient } from '../net/service-client';

export function printHandlers(deps: {
  auth: AuthService;
  client: ServiceClient;
}): Pick<Handlers, 'print.receipt' | 'print.exportPdf'> {
  return {
    // Only the Electron shell can print a window to PDF; it answers this method itself.
    'print.exportPdf': async () => {
      throw new AppError('PRINT_USE_BROWSER_DIALOG');
    },
    'print.receipt': async ({ id }) => {
      const session = deps.auth.current();
      const unitNo = session?.currentUnit?.unitNo;
      if (!session || !unitNo) throw new AppError('NOT_LOGGED_IN');
      const receipt = await deps.client
        .request(receiptPath(unitNo, id), receiptResponseSchema, {
          bearer: deps.auth.sessionToken(),
        })
        .catch((error: unknown) => {
          if (error instanceof AppError && error.code === 'NOT_FOUND') {
            throw new AppError('PRINT_NO_RECEIPT');
          }
          throw error;
        });
      // A password or QR session has no certificate: the receipt then names the signer by
      // fingerprint only.
      const cert = session.certificate;
      const ours = cert !== null && receipt.signerCertSha256 === cert.sha256;
      return { ...receipt, signerName: ours ? cert.holderName : null };
    },
  };
}
