// Command specs of the batch and RBAC verbs: `create job|cronjob|role|clusterrole|rolebinding|
// clusterrolebinding` and `auth can-i`. Kept beside commands.ts (which registers them) so that file
// stays small; implementations load on first use.
import type { CommandSpec, FlagSpec, RunContext } from './spec';
import { dryRunFlag, fieldManagerFlag, outputFlag, saveConfigFlag, templateFlags, validateFlag } from './flags';

type Runner = (args: string[], flags: Record<string, unknown>, ctx: RunContext) => Promise<number | void> | number | void;

function lazy<M>(load: () => Promise<M>, pick: (m: M) => Runner): Runner {
  return async (args, flags, ctx) => pick(await load())(args, flags, ctx);
}

const createFlags = (extra: FlagSpec[]): FlagSpec[] => [dryRunFlag, fieldManagerFlag('kubectl-create'), ...extra, outputFlag(), saveConfigFlag, validateFlag, ...templateFlags];

const verbFlag: FlagSpec = { name: 'verb', type: 'strings', default: '[]', desc: 'Verb that applies to the resources contained in the rule' };
const resourceFlag: FlagSpec = { name: 'resource', type: 'strings', default: '[]', desc: 'Resource that the rule applies to' };
const resourceNameFlag: FlagSpec = { name: 'resource-name', type: 'strings', default: '[]', desc: 'Resource in the white list that the rule applies to, repeat this flag for multiple items' };

const bindingFlags = (what: string, withRole: boolean): FlagSpec[] => [
  { name: 'clusterrole', type: 'string', default: "''", desc: `ClusterRole this ${withRole ? 'RoleBinding' : 'ClusterRoleBinding'} should reference` },
  { name: 'group', type: 'strings', default: '[]', desc: `Groups to bind to the ${what}. The flag can be repeated to add multiple groups.` },
  ...(withRole ? [{ name: 'role', type: 'string' as const, default: "''", desc: 'Role this RoleBinding should reference' }] : []),
  { name: 'serviceaccount', type: 'strings', default: '[]', desc: `Service accounts to bind to the ${what}, in the format <namespace>:<name>. The flag can be repeated to add multiple service accounts.` },
  { name: 'user', type: 'strings', default: '[]', desc: `Usernames to bind to the ${what}. The flag can be repeated to add multiple users.` },
];

export const EXTRA_CREATE_SUBS: CommandSpec[] = [
  {
    name: 'job',
    short: 'Create a job with the specified name',
    long: 'Create a job with the specified name.',
    examples: `  # Create a job
  kubesim create job my-job --image=busybox
  
  # Create a job with a command
  kubesim create job my-job --image=busybox -- date
  
  # Create a job from a cron job named "a-cronjob"
  kubesim create job test-job --from=cronjob/a-cronjob`,
    usage: 'create job NAME --image=image [--from=cronjob/name] -- [COMMAND] [args...] [options]',
    dashArgs: true,
    flags: createFlags([
      { name: 'from', type: 'string', default: "''", desc: 'The name of the resource to create a Job from (only cronjob is supported).' },
      { name: 'image', type: 'string', default: "''", desc: 'Image name to run.' },
    ]),
    run: lazy(() => import('./commands/create-batch'), (m) => m.runCreateJob),
  },
  {
    name: 'cronjob',
    aliases: ['cj'],
    short: 'Create a cron job with the specified name',
    long: 'Create a cron job with the specified name.',
    examples: `  # Create a cron job
  kubesim create cronjob my-job --image=busybox --schedule="*/1 * * * *"
  
  # Create a cron job with a command
  kubesim create cronjob my-job --image=busybox --schedule="*/1 * * * *" -- date`,
    usage: "create cronjob NAME --image=image --schedule='0/5 * * * ?' -- [COMMAND] [args...] [flags] [options]",
    dashArgs: true,
    flags: createFlags([
      { name: 'image', type: 'string', default: "''", desc: 'Image name to run.' },
      { name: 'restart', type: 'string', default: "''", desc: "job's restart policy. supported values: OnFailure, Never" },
      { name: 'schedule', type: 'string', default: "''", desc: 'A schedule in the Cron format the job should be run with.' },
    ]),
    run: lazy(() => import('./commands/create-batch'), (m) => m.runCreateCronJob),
  },
  {
    name: 'role',
    short: 'Create a role with single rule',
    long: 'Create a role with single rule.',
    examples: `  # Create a role named "pod-reader" that allows user to perform "get", "watch" and "list" on pods
  kubesim create role pod-reader --verb=get --verb=list --verb=watch --resource=pods
  
  # Create a role named "pod-reader" with ResourceName specified
  kubesim create role pod-reader --verb=get --resource=pods --resource-name=readablepod --resource-name=anotherpod
  
  # Create a role named "foo" with API Group specified
  kubesim create role foo --verb=get,list,watch --resource=rs.apps
  
  # Create a role named "foo" with SubResource specified
  kubesim create role foo --verb=get,list,watch --resource=pods,pods/status`,
    usage: 'create role NAME --verb=verb --resource=resource.group/subresource [--resource-name=resourcename] [--dry-run=server|client|none] [options]',
    flags: createFlags([resourceFlag, resourceNameFlag, verbFlag]),
    run: lazy(() => import('./commands/create-rbac'), (m) => m.runCreateRole),
  },
  {
    name: 'clusterrole',
    short: 'Create a cluster role',
    long: 'Create a cluster role.',
    examples: `  # Create a cluster role named "pod-reader" that allows user to perform "get", "watch" and "list" on pods
  kubesim create clusterrole pod-reader --verb=get,list,watch --resource=pods
  
  # Create a cluster role named "pod-reader" with ResourceName specified
  kubesim create clusterrole pod-reader --verb=get --resource=pods --resource-name=readablepod --resource-name=anotherpod
  
  # Create a cluster role named "foo" with API Group specified
  kubesim create clusterrole foo --verb=get,list,watch --resource=rs.apps
  
  # Create a cluster role named "foo" with SubResource specified
  kubesim create clusterrole foo --verb=get,list,watch --resource=pods,pods/status
  
  # Create a cluster role name "foo" with NonResourceURL specified
  kubesim create clusterrole "foo" --verb=get --non-resource-url=/logs/*
  
  # Create a cluster role name "monitoring" with AggregationRule specified
  kubesim create clusterrole monitoring --aggregation-rule="rbac.example.com/aggregate-to-monitoring=true"`,
    usage: 'create clusterrole NAME --verb=verb --resource=resource.group [--resource-name=resourcename] [--dry-run=server|client|none] [options]',
    flags: createFlags([
      { name: 'aggregation-rule', type: 'strings', default: '', desc: 'An aggregation label selector for combining ClusterRoles.' },
      { name: 'non-resource-url', type: 'strings', default: '[]', desc: 'A partial url that user should have access to.' },
      resourceFlag,
      resourceNameFlag,
      verbFlag,
    ]),
    run: lazy(() => import('./commands/create-rbac'), (m) => m.runCreateClusterRole),
  },
  {
    name: 'rolebinding',
    short: 'Create a role binding for a particular role or cluster role',
    long: 'Create a role binding for a particular role or cluster role.',
    examples: `  # Create a role binding for user1, user2, and group1 using the admin cluster role
  kubesim create rolebinding admin --clusterrole=admin --user=user1 --user=user2 --group=group1
  
  # Create a role binding for service account monitoring:sa-dev using the admin role
  kubesim create rolebinding admin-binding --role=admin --serviceaccount=monitoring:sa-dev`,
    usage: 'create rolebinding NAME --clusterrole=NAME|--role=NAME [--user=username] [--group=groupname] [--serviceaccount=namespace:serviceaccountname] [--dry-run=server|client|none] [options]',
    flags: createFlags(bindingFlags('role', true)),
    run: lazy(() => import('./commands/create-rbac'), (m) => m.runCreateRoleBinding),
  },
  {
    name: 'clusterrolebinding',
    short: 'Create a cluster role binding for a particular cluster role',
    long: 'Create a cluster role binding for a particular cluster role.',
    examples: `  # Create a cluster role binding for user1, user2, and group1 using the cluster-admin cluster role
  kubesim create clusterrolebinding cluster-admin --clusterrole=cluster-admin --user=user1 --user=user2 --group=group1`,
    usage: 'create clusterrolebinding NAME --clusterrole=NAME [--user=username] [--group=groupname] [--serviceaccount=namespace:serviceaccountname] [--dry-run=server|client|none] [options]',
    flags: createFlags(bindingFlags('clusterrole', false)),
    run: lazy(() => import('./commands/create-rbac'), (m) => m.runCreateClusterRoleBinding),
  },
];

export const AUTH_CMD: CommandSpec = {
  name: 'auth',
  group: 'Troubleshooting and Debugging Commands',
  short: 'Inspect authorization',
  long: 'Inspect authorization.',
  usage: 'auth [flags] [options]',
  subcommands: [
    {
      name: 'can-i',
      short: 'Check whether an action is allowed',
      long: `Check whether an action is allowed.

 VERB is a logical Kubernetes API verb like 'get', 'list', 'watch', 'delete', etc. TYPE is a Kubernetes resource. Shortcuts and groups will be resolved. NONRESOURCEURL is a partial URL that starts with "/". NAME is the name of a particular Kubernetes resource. This command pairs nicely with impersonation. See --as global flag.

 Without --as, requests are made as the cluster's admin user "kubernetes-admin" (groups "kubeadm:cluster-admins" and "system:authenticated"), as with kind's admin kubeconfig.`,
      examples: `  # Check to see if I can create pods in any namespace
  kubesim auth can-i create pods --all-namespaces
  
  # Check to see if I can list deployments in my current namespace
  kubesim auth can-i list deployments.apps
  
  # Check to see if service account "foo" of namespace "dev" can list pods in the namespace "prod"
  # You must be allowed to use impersonation for the global option "--as"
  kubesim auth can-i list pods --as=system:serviceaccount:dev:foo -n prod
  
  # Check to see if I can do everything in my current namespace ("*" means all)
  kubesim auth can-i '*' '*'
  
  # Check to see if I can get the job named "bar" in namespace "foo"
  kubesim auth can-i list jobs.batch/bar -n foo
  
  # Check to see if I can read pod logs
  kubesim auth can-i get pods --subresource=log
  
  # Check to see if I can access the URL /logs/
  kubesim auth can-i get /logs/
  
  # Check to see if I can approve certificates.k8s.io
  kubesim auth can-i approve certificates.k8s.io
  
  # List all allowed actions in namespace "foo"
  kubesim auth can-i --list --namespace=foo`,
      usage: 'auth can-i VERB [TYPE | TYPE/NAME | NONRESOURCEURL] [options]',
      flags: [
        { name: 'all-namespaces', short: 'A', type: 'bool', default: false, desc: 'If true, check the specified action in all namespaces.' },
        { name: 'as', type: 'string', default: "''", desc: 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace.' },
        { name: 'as-group', type: 'strings', default: '[]', desc: 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups.' },
        { name: 'list', type: 'bool', default: false, desc: 'If true, prints all allowed actions.' },
        { name: 'no-headers', type: 'bool', default: false, desc: 'If true, prints allowed actions without headers' },
        { name: 'quiet', short: 'q', type: 'bool', default: false, desc: 'If true, suppress output and just return the exit code.' },
        { name: 'subresource', type: 'string', default: "''", desc: 'SubResource such as pod/log or deployment/scale' },
      ],
      run: lazy(() => import('./commands/auth'), (m) => m.runCanI),
    },
  ],
};
