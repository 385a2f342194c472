import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const openssl = (args: string[]): Promise<unknown> => promisify(execFile)('openssl', args);

/** A certificate and its private key, PEM. */
export interface Certificate {
  cert: Buffer;
  key: Buffer;
  certFile: string;
  keyFile: string;
}

/** A certificate authority of a test: it signs server and client certificates. */
export interface TestCa extends Certificate {
  issue(name: string, use: 'server' | 'client'): Promise<Certificate>;
}

const EC = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

async function certificate(folder: string, name: string): Promise<Certificate> {
  const certFile = join(folder, `${name}.crt`);
  const keyFile = join(folder, `${name}.key`);
  return { cert: await readFile(certFile), key: await readFile(keyFile), certFile, keyFile };
}

/**
 * A fresh CA in `folder` (a temporary folder of the test: keys are never committed), made with the
 * `openssl` command as an operator would; certificates valid for a day.
 */
export async function createTestCa(folder: string, name: string): Promise<TestCa> {
  await openssl([
    'req',
    '-x509',
    ...EC,
    '-days',
    '1',
    '-subj',
    `/CN=${name}`,
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
    '-keyout',
    join(folder, `${name}.key`),
    '-out',
    join(folder, `${name}.crt`),
  ]);
  const ca = await certificate(folder, name);
  return {
    ...ca,
    async issue(subject, use) {
      const base = join(folder, subject);
      await openssl([
        'req',
        ...EC,
        '-subj',
        `/CN=${subject}`,
        '-keyout',
        `${base}.key`,
        '-out',
        `${base}.csr`,
      ]);
      const extensions =
        use === 'server'
          ? 'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n'
          : 'extendedKeyUsage=clientAuth\n';
      await writeFile(`${base}.ext`, extensions);
      await openssl([
        'x509',
        '-req',
        '-in',
        `${base}.csr`,
        '-CA',
        ca.certFile,
        '-CAkey',
        ca.keyFile,
        '-CAcreateserial',
        '-days',
        '1',
        '-extfile',
        `${base}.ext`,
        '-out',
        `${base}.crt`,
      ]);
      return certificate(folder, subject);
    },
  };
}
