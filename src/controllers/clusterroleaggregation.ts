// The clusterrole-aggregation controller: a ClusterRole with an aggregationRule gets the union of the
// rules of the ClusterRoles its selectors match (in name order, each rule once). admin, edit and
// view are built this way from the system:aggregate-to-* roles and from each other.
import { clone } from '../api/types';
import { deepEqual } from '../api/equality';
import type { Controller } from '../sim/loop';
import type { Ctx } from './context';
import { aggregatedRules, CLUSTER_ROLE_GK } from '../api/rbac';

export const CLUSTER_ROLE_AGGREGATION_CONTROLLER = 'clusterrole-aggregation-controller';

export const clusterRoleAggregationController: Controller<Ctx> = {
  name: CLUSTER_ROLE_AGGREGATION_CONTROLLER,
  watch(ev, enqueue, ctx) {
    if (ev.gk !== CLUSTER_ROLE_GK) return;
    // any ClusterRole change may feed an aggregated one
    for (const r of ctx.store.list(CLUSTER_ROLE_GK)) if (r.aggregationRule) enqueue(r.metadata.name);
  },
  sync(key, ctx) {
    const role = ctx.store.get(CLUSTER_ROLE_GK, undefined, key);
    if (!role || !role.aggregationRule) return;
    const rules = aggregatedRules(ctx.store, role);
    if (deepEqual(rules, role.rules)) return;
    const next = clone(role);
    next.rules = rules;
    ctx.api.update(next);
  },
};
