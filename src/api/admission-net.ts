// DefaultIngressClass (plugin/pkg/admission/network/defaultingressclass): an Ingress created without
// spec.ingressClassName and without the deprecated `kubernetes.io/ingress.class` annotation gets the
// IngressClass annotated `ingressclass.kubernetes.io/is-default-class: "true"`; with more than one such
// class the request is refused.
import { forbidden, type AdmissionPlugin } from './server';

const DEFAULT_CLASS_ANNOTATION = 'ingressclass.kubernetes.io/is-default-class';

export const defaultIngressClass: AdmissionPlugin = {
  name: 'DefaultIngressClass',
  admit(a) {
    if (a.op !== 'CREATE' || a.gk !== 'Ingress.networking.k8s.io') return;
    const ing = a.obj;
    if (ing.spec?.ingressClassName !== undefined && ing.spec?.ingressClassName !== null) return;
    if (ing.metadata.annotations?.['kubernetes.io/ingress.class'] !== undefined) return;
    const defaults = a.api.store.list('IngressClass.networking.k8s.io').filter((c) => c.metadata.annotations?.[DEFAULT_CLASS_ANNOTATION] === 'true');
    if (defaults.length === 0) return;
    if (defaults.length > 1) throw forbidden(a.info, ing.metadata.name || ing.metadata.generateName || '', `Internal error occurred: ${defaults.length} default IngressClasses were found, only 1 allowed`);
    ing.spec = { ...(ing.spec ?? {}), ingressClassName: defaults[0]!.metadata.name };
  },
};
