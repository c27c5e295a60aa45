// PodDisruptionBudget and PriorityClass describers (describePodDisruptionBudgetV1, describePriorityClass).
import type { KObject } from '../../api/types';
import { LEVEL_0, LEVEL_2, tabbed } from './writer';
import { type DCtx, formatLabelSelector, formatLabels, goBool, goInt, goStr, intOrString, isNil, maybeEvents } from './common';

export function describePodDisruptionBudget(pdb: KObject, ctx: DCtx): string {
  return tabbed((w) => {
    const spec = pdb.spec ?? {};
    const st = pdb.status ?? {};
    w.write(LEVEL_0, `Name:\t${pdb.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${goStr(pdb.metadata.namespace)}\n`);
    if (!isNil(spec.minAvailable)) w.write(LEVEL_0, `Min available:\t${intOrString(spec.minAvailable)}\n`);
    else if (!isNil(spec.maxUnavailable)) w.write(LEVEL_0, `Max unavailable:\t${intOrString(spec.maxUnavailable)}\n`);
    if (spec.selector) w.write(LEVEL_0, `Selector:\t${formatLabelSelector(spec.selector)}\n`);
    else w.write(LEVEL_0, 'Selector:\t<unset>\n');
    w.write(LEVEL_0, 'Status:\n');
    w.write(LEVEL_2, `Allowed disruptions:\t${goInt(st.disruptionsAllowed)}\n`);
    w.write(LEVEL_2, `Current:\t${goInt(st.currentHealthy)}\n`);
    w.write(LEVEL_2, `Desired:\t${goInt(st.desiredHealthy)}\n`);
    w.write(LEVEL_2, `Total:\t${goInt(st.expectedPods)}\n`);
    maybeEvents(pdb, w, ctx);
  });
}

export function describePriorityClass(pc: KObject, ctx: DCtx): string {
  return tabbed((w) => {
    w.write(LEVEL_0, `Name:\t${pc.metadata.name}\n`);
    w.write(LEVEL_0, `Value:\t${goInt(pc.value)}\n`);
    w.write(LEVEL_0, `GlobalDefault:\t${goBool(pc.globalDefault)}\n`);
    w.write(LEVEL_0, `PreemptionPolicy:\t${goStr(pc.preemptionPolicy)}\n`);
    w.write(LEVEL_0, `Description:\t${goStr(pc.description)}\n`);
    w.write(LEVEL_0, `Annotations:\t${formatLabels(pc.metadata.annotations)}\n`);
    maybeEvents(pc, w, ctx);
  });
}
