// What the picker shows about a certificate's key, and whether it is offered for signing at all:
// a dual-certificate U盾 carries a signing and an encryption certificate; only the first may log in.
import { describe, expect, it } from 'vitest';
import { demoPersons, personHolder } from '../../server/demo/demo-data';
import { readCertificate } from '../../electron/services/certificates/certificate-details';
import { createTestPki, leafSpec } from '../pki/pki';
import { createSm2TestPki } from '../pki/sm2-pki';

const holder = personHolder(demoPersons.agent);

describe('certificate algorithm and signing use', () => {
  it('SM2, RSA and ECC certificates say which they are', async () => {
    const pki = await createTestPki();
    const sm2 = createSm2TestPki();
    expect(readCertificate(sm2.issueWithSoftwareKey(leafSpec(holder)).der)).toMatchObject({
      algorithm: 'SM2',
      keyAlgorithm: 'SM2',
      holderName: '李娜',
    });
    expect(
      readCertificate((await pki.issueWithSoftwareKey(leafSpec(holder), 'rsa')).der).algorithm,
    ).toBe('RSA');
    expect(
      readCertificate((await pki.issueWithSoftwareKey(leafSpec(holder), 'ec')).der).algorithm,
    ).toBe('ECC');
  });

  it('an encryption-only certificate is not one to sign with; a signing one is', () => {
    const sm2 = createSm2TestPki();
    const signing = sm2.issueWithSoftwareKey(leafSpec(holder));
    const encryption = sm2.issueWithSoftwareKey(leafSpec(holder, { usage: 'encipherment-only' }));
    expect(readCertificate(signing.der).canSign).toBe(true);
    expect(readCertificate(encryption.der).canSign).toBe(false);
  });
});
