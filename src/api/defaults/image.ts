// Image references as pkg/util/parsers.ParseImageName reads them (distribution/reference's
// ParseNormalizedNamed): used for the imagePullPolicy default.

const ALNUM = '[a-z0-9]+';
const SEPARATOR = '(?:[._]|__|[-]+)';
const PATH_COMPONENT = `${ALNUM}(?:${SEPARATOR}${ALNUM})*`;
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN_NAME = `${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*`;
const HOST = `(?:${DOMAIN_NAME}|\\[[a-fA-F0-9:]+\\])`;
const DOMAIN = `${HOST}(?::[0-9]+)?`;
const NAME = `(?:${DOMAIN}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const REFERENCE = new RegExp(`^(${NAME})(?::(${TAG}))?(?:@(${DIGEST}))?$`);
const HEX64 = /^[a-f0-9]{64}$/;
const DIGEST_HEX: Record<string, number> = { sha256: 64, sha384: 96, sha512: 128 };

export interface ImageRef {
  name: string;
  tag: string;
  digest: string;
}

/**
 * Parses an image reference as kubelet and the API server do: `nginx` → docker.io/library/nginx with
 * tag `latest`; a digest without a tag leaves the tag empty. Undefined when the reference is invalid
 * (upper-case repository, bad characters, 64-hex name, …).
 */
export function parseImageName(image: string): ImageRef | undefined {
  if (HEX64.test(image)) return undefined;
  // splitDockerDomain
  const slash = image.indexOf('/');
  let domain: string;
  let remainder: string;
  const first = slash < 0 ? '' : image.slice(0, slash);
  if (slash < 0 || (!/[.:]/.test(first) && first !== 'localhost' && first.toLowerCase() === first)) {
    domain = 'docker.io';
    remainder = image;
  } else {
    domain = first;
    remainder = image.slice(slash + 1);
  }
  if (domain === 'index.docker.io') domain = 'docker.io';
  if (domain === 'docker.io' && !remainder.includes('/')) remainder = `library/${remainder}`;
  const colon = remainder.indexOf(':');
  const remoteName = colon >= 0 ? remainder.slice(0, colon) : remainder;
  if (remoteName.toLowerCase() !== remoteName) return undefined;
  const m = REFERENCE.exec(`${domain}/${remainder}`);
  if (!m) return undefined;
  const name = m[1];
  if (name.length > 255) return undefined;
  const tag = m[2] ?? '';
  const digest = m[3] ?? '';
  if (digest) {
    const sep = digest.indexOf(':');
    const want = DIGEST_HEX[digest.slice(0, sep)];
    const hex = digest.slice(sep + 1);
    if (!want || hex.length !== want || !/^[a-f0-9]+$/.test(hex)) return undefined;
  }
  return { name, tag: !tag && !digest ? 'latest' : tag, digest };
}

/** SetDefaults_Container: `Always` when the tag is `latest` (or no tag and no digest), else `IfNotPresent`. */
export function defaultPullPolicy(image: unknown): 'Always' | 'IfNotPresent' {
  const ref = typeof image === 'string' ? parseImageName(image) : undefined;
  return ref?.tag === 'latest' ? 'Always' : 'IfNotPresent';
}
