// kubectl create serviceaccount NAME: a bare ServiceAccount built on the client, then POSTed.
import { registry } from '../../api/registry';
import { CliError, RawError } from '../../api/errors';
import type { KObject } from '../../api/types';
import type { RunContext } from '../spec';
import { progName } from '../io';
import { createTyped, failedTo } from './create';

export async function runCreateServiceAccount(args: string[], flags: Record<string, unknown>, ctx: RunContext): Promise<number> {
  if (args.length !== 1)
    throw new RawError(`error: exactly one NAME is required, got ${args.length}\nSee '${progName()} create serviceaccount -h' for help and examples`);
  // Validate: an empty NAME argument
  if (args[0] === '') throw new CliError('name must be specified');
  const obj: KObject = { kind: 'ServiceAccount', apiVersion: 'v1', metadata: { name: args[0]!, creationTimestamp: null as unknown as string } };
  return createTyped(ctx, flags, { info: registry.mustGroupKind('ServiceAccount'), obj, wrap: failedTo('serviceaccount') });
}
