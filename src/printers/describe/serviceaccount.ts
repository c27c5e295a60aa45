// ServiceAccount describer (ServiceAccountDescriber.Describe / describeServiceAccount of kubectl).
import type { KObject } from '../../api/types';
import { LEVEL_0, tabbed } from './writer';
import { type DCtx, goStr, maybeEvents, printAnnotationsMultiline, printLabelsMultiline } from './common';

export function describeServiceAccount(sa: KObject, ctx: DCtx): string {
  const secrets = ctx.store.list('Secret', sa.metadata.namespace ?? '');
  const existing = new Set(secrets.map((s) => s.metadata.name));
  // Token secrets: service-account-token Secrets annotated with this account's name and uid.
  const tokens = secrets.filter(
    (s) =>
      s.type === 'kubernetes.io/service-account-token' &&
      (s.metadata.annotations?.['kubernetes.io/service-account.name'] ?? '') === sa.metadata.name &&
      (s.metadata.annotations?.['kubernetes.io/service-account.uid'] ?? '') === goStr(sa.metadata.uid),
  );
  const missing = new Set<string>();
  for (const s of [...(sa.secrets ?? []), ...(sa.imagePullSecrets ?? [])]) if (!existing.has(s.name)) missing.add(s.name);

  return tabbed((w) => {
    w.write(LEVEL_0, `Name:\t${sa.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${goStr(sa.metadata.namespace)}\n`);
    printLabelsMultiline(w, 'Labels', sa.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', sa.metadata.annotations);
    const emptyHeader = '                   ';
    // Headers in sorted order, as kubectl iterates sets.StringKeySet(types).List().
    const groups: [string, string[]][] = [
      ['Image pull secrets:', (sa.imagePullSecrets ?? []).map((s: { name: string }) => s.name)],
      ['Mountable secrets: ', (sa.secrets ?? []).map((s: { name: string }) => s.name)],
      ['Tokens:            ', tokens.map((s) => s.metadata.name)],
    ];
    for (const [header, names] of groups) {
      if (names.length === 0) {
        w.write(LEVEL_0, `${header}\t<none>\n`);
        continue;
      }
      let prefix = header;
      for (const name of names) {
        w.write(LEVEL_0, missing.has(name) ? `${prefix}\t${name} (not found)\n` : `${prefix}\t${name}\n`);
        prefix = emptyHeader;
      }
    }
    maybeEvents(sa, w, ctx);
  });
}
