// Decides whether a pushed batch may be applied at all: its hash is the hash of what it carries,
// it is signed for this service and unit with a certificate that passes the login checks, that
// certificate belongs to the logged-in person, and that person may act for the unit.
// Any failure refuses the whole batch, before anything is written.
import { createHash } from 'node:crypto';
import { declareSignedText } from '../../domain/protocol/auth';
import { canonicalBatchBytes, type PushRequest } from '../../domain/protocol/sync';
import { identityOfSubject } from '../auth/identity';
import type { ServiceContext } from '../context';
import { badRequest, forbidden, ServiceError, unauthorized } from '../errors';
import { parseCertificate, verifyCertificate } from '../pki/verify-certificate';
import { verifyTokenSignature } from '../pki/verify-signature';
import type { Session, SessionSubject } from '../store/sessions';
import { decodeBase64Strict } from '../wire';

export interface VerifiedBatch {
  signerCertSha256: string;
  /** 'person:<resident ID>' or 'unit:<USCC>'. */
  signer: string;
  /** DER, for the archive. */
  certificate: Buffer;
}

function sameSubject(a: SessionSubject, b: SessionSubject): boolean {
  if (a.kind === 'person' && b.kind === 'person') return a.residentId === b.residentId;
  if (a.kind === 'unit' && b.kind === 'unit') return a.uscc === b.uscc;
  return false;
}

export function batchHashOf(
  request: Pick<PushRequest, 'clientId' | 'mutations'>,
  unitNo: string,
): string {
  return createHash('sha256')
    .update(canonicalBatchBytes(request.clientId, unitNo, request.mutations))
    .digest('hex');
}

export async function verifyBatch(
  ctx: ServiceContext,
  session: Session,
  unitNo: string,
  request: PushRequest,
): Promise<VerifiedBatch> {
  const certificateDer = decodeBase64Strict(request.certificate);
  const signature = decodeBase64Strict(request.signature);
  if (!certificateDer || !signature) throw badRequest();

  if (batchHashOf(request, unitNo) !== request.batchHash) {
    throw new ServiceError('BATCH_HASH_MISMATCH', 400);
  }

  const now = ctx.now();
  const verified = await verifyCertificate(
    parseCertificate(certificateDer),
    ctx.trust.current(),
    now,
    { revocation: ctx.revocation },
  );
  const text = declareSignedText(ctx.origin(), unitNo, request.batchHash);
  if (!verifyTokenSignature(verified.publicKey, verified.keyType, text, signature)) {
    throw unauthorized('BATCH_SIGNATURE_INVALID');
  }

  const holder = verified.holder;
  const signer: SessionSubject | null =
    holder === null
      ? null
      : holder.kind === 'person'
        ? { kind: 'person', residentId: holder.residentId }
        : { kind: 'unit', uscc: holder.uscc };
  // The session's own certificate, or a renewed one of the same holder.
  const belongsToSession =
    verified.sha256Hex === session.certSha256 ||
    (signer !== null && sameSubject(signer, session.subject));
  if (!belongsToSession || signer === null) throw forbidden('BATCH_SIGNER_NOT_AUTHORIZED');
  // Roles are read now, not at login: an authorization withdrawn since then counts.
  const identity = identityOfSubject(ctx.directory, signer);
  if (!identity?.units.some((u) => u.unitNo === unitNo)) {
    throw forbidden('BATCH_SIGNER_NOT_AUTHORIZED');
  }
  return {
    signerCertSha256: verified.sha256Hex,
    signer: signer.kind === 'person' ? `person:${signer.residentId}` : `unit:${signer.uscc}`,
    certificate: certificateDer,
  };
}
