// ConfigMap and Secret describers (ConfigMapDescriber.Describe, describeSecret of kubectl).
// Go iterates the data maps in random order; keys are printed sorted here.
import type { KObject } from '../../api/types';
import { LEVEL_0, tabbed } from './writer';
import { type DCtx, base64Len, byString, goStr, maybeEvents, printAnnotationsMultiline, printLabelsMultiline } from './common';

export function describeConfigMap(cm: KObject, ctx: DCtx): string {
  return tabbed((w) => {
    w.write(LEVEL_0, `Name:\t${cm.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${goStr(cm.metadata.namespace)}\n`);
    printLabelsMultiline(w, 'Labels', cm.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', cm.metadata.annotations);
    w.write(LEVEL_0, '\nData\n====\n');
    const data: Record<string, string> = cm.data ?? {};
    for (const k of Object.keys(data).sort(byString)) {
      w.write(LEVEL_0, `${k}:\n----\n`);
      w.write(LEVEL_0, `${goStr(data[k])}\n`);
      w.write(LEVEL_0, '\n');
    }
    w.write(LEVEL_0, '\nBinaryData\n====\n');
    const bin: Record<string, string> = cm.binaryData ?? {};
    for (const k of Object.keys(bin).sort(byString)) w.write(LEVEL_0, `${k}: ${base64Len(bin[k])} bytes\n`);
    w.write(LEVEL_0, '\n');
    maybeEvents(cm, w, ctx);
  });
}

/** Secret: sizes only, except the token of a service-account-token Secret, which kubectl prints. */
export function describeSecret(secret: KObject): string {
  return tabbed((w) => {
    w.write(LEVEL_0, `Name:\t${secret.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${goStr(secret.metadata.namespace)}\n`);
    printLabelsMultiline(w, 'Labels', secret.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', secret.metadata.annotations);
    w.write(LEVEL_0, `\nType:\t${goStr(secret.type)}\n`);
    w.write(LEVEL_0, '\nData\n====\n');
    const data: Record<string, string> = secret.data ?? {};
    for (const k of Object.keys(data).sort(byString)) {
      if (k === 'token' && secret.type === 'kubernetes.io/service-account-token') {
        w.write(LEVEL_0, `${k}:\t${Buffer.from(goStr(data[k]), 'base64').toString('utf8')}\n`);
      } else {
        w.write(LEVEL_0, `${k}:\t${base64Len(data[k])} bytes\n`);
      }
    }
  });
}
