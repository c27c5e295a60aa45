// The command table: every verb kubesim understands, with kubectl's flags and our own help texts.
// Implementations are loaded on first use so start-up stays cheap.
import type { CommandSpec, RunContext } from './spec';
import { AUTH_CMD, EXTRA_CREATE_SUBS } from './commands-extra';
import { createIngressCmd, createServiceCmd, curlCmd, exposeCmd } from './commands-net';
import { autoscaleCmd, faultCmd, loadCmd, topCmd } from './commands-sim';
import { cordonCmd, drainCmd, nodeCmd, taintCmd, uncordonCmd, whyCmd } from './commands-nodes';
import { allNamespacesFlag, dryRunFlag, fieldManagerFlag, fieldSelectorFlag, filenameFlags, outputFlag, recordFlag, saveConfigFlag, selectorFlag, templateFlags, validateFlag } from './flags';
import { out } from './io';

type Runner = (args: string[], flags: Record<string, unknown>, ctx: RunContext) => Promise<number | void> | number | void;

function lazy<M>(load: () => Promise<M>, pick: (m: M) => Runner): Runner {
  return async (args, flags, ctx) => pick(await load())(args, flags, ctx);
}

const getCmd: CommandSpec = {
  name: 'get',
  group: 'Basic Commands (Intermediate)',
  short: 'Display one or many resources',
  long: `Display one or many resources.

 Prints a table of the most important information about the specified resources. You can filter the list using a label selector and the --selector flag. If the desired resource type is namespaced you will only see results in the current namespace if you don't specify any namespace.

Use "kubesim api-resources" for a complete list of supported resources.`,
  examples: `  # List all pods in ps output format
  kubesim get pods
  
  # List all pods in ps output format with more information (such as node name)
  kubesim get pods -o wide
  
  # List deployments in JSON output format, in the "v1" version of the "apps" API group
  kubesim get deployments.v1.apps -o json
  
  # List a single pod in YAML output format
  kubesim get -o yaml pod web-pod-13je7
  
  # List a pod identified by type and name specified in "pod.yaml"
  kubesim get -f pod.yaml -o json
  
  # Return only the phase value of the specified pod
  kubesim get pod web-pod-13je7 -o jsonpath='{.status.phase}'
  
  # List resource information in custom columns
  kubesim get pod test-pod -o custom-columns=CONTAINER:.spec.containers[0].name,IMAGE:.spec.containers[0].image
  
  # List all replication controllers and services together in ps output format
  kubesim get rc,services
  
  # List one or more resources by their type and names
  kubesim get rc/web service/frontend pods/web-pod-13je7
  
  # List pods whose label app is web or api, but not canary
  kubesim get pods -l 'app in (web,api),!canary'
  
  # List all pods existing in all namespaces
  kubesim get pods --all-namespaces`,
  usage: 'get [(-o|--output=)json|yaml|name|go-template|go-template-file|template|templatefile|jsonpath|jsonpath-as-json|jsonpath-file|custom-columns|custom-columns-file|wide] (TYPE[.VERSION][.GROUP] [NAME | -l label] | TYPE[.VERSION][.GROUP]/NAME ...) [flags] [options]',
  flags: [
    allNamespacesFlag,
    fieldSelectorFlag,
    ...filenameFlags('identifying the resource to get from a server'),
    { name: 'ignore-not-found', type: 'bool', default: false, desc: 'If the requested object does not exist the command will return exit code 0.' },
    { name: 'label-columns', short: 'L', type: 'strings', default: '[]', desc: 'Accepts a comma separated list of labels that are going to be presented as columns. Names are case-sensitive. You can also use multiple flag options like -L label1 -L label2...' },
    { name: 'no-headers', type: 'bool', default: false, desc: "When using the default or custom-column output format, don't print headers (default print headers)." },
    outputFlag('json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file, custom-columns, custom-columns-file, wide). See custom columns [https://kubernetes.io/docs/reference/kubectl/#custom-columns], golang template [http://golang.org/pkg/text/template/#pkg-overview] and jsonpath template [https://kubernetes.io/docs/reference/kubectl/jsonpath/]'),
    { name: 'output-watch-events', type: 'bool', default: false, desc: 'Output watch event objects when --watch or --watch-only is used. Existing objects are output as initial ADDED events.' },
    selectorFlag,
    { name: 'show-kind', type: 'bool', default: false, desc: 'If present, list the resource type for the requested object(s).' },
    { name: 'show-labels', type: 'bool', default: false, desc: 'When printing, show all labels as the last column (default hide labels column)' },
    { name: 'sort-by', type: 'string', default: "''", desc: "If non-empty, sort list types using this field specification.  The field specification is expressed as a JSONPath expression (e.g. '{.metadata.name}'). The field in the API resource specified by this JSONPath expression must be an integer or a string." },
    { name: 'watch', short: 'w', type: 'bool', default: false, desc: 'After listing/getting the requested object, watch for changes.' },
    { name: 'watch-only', type: 'bool', default: false, desc: 'Watch for changes to the requested object(s), without listing/getting first.' },
    { name: 'chunk-size', type: 'int', default: 500, desc: 'Return large lists in chunks rather than all at once. Pass 0 to disable. This flag is beta and may change in the future.', hidden: true },
    ...templateFlags,
  ],
  run: lazy(() => import('./commands/get'), (m) => m.runGet),
};

const describeCmd: CommandSpec = {
  name: 'describe',
  group: 'Troubleshooting and Debugging Commands',
  short: 'Show details of a specific resource or group of resources',
  long: `Show details of a specific resource or group of resources.

 Print a detailed description of the selected resources, including related resources such as events or controllers. You may select a single object by name, all objects of that type, provide a name prefix, or label selector. For example:

        $ kubesim describe TYPE NAME_PREFIX
        
 will first check for an exact match on TYPE and NAME_PREFIX. If no such resource exists, it will output details for every resource that has a name prefixed with NAME_PREFIX.

Use "kubesim api-resources" for a complete list of supported resources.`,
  examples: `  # Describe a node
  kubesim describe nodes worker-1
  
  # Describe a pod
  kubesim describe pods/nginx
  
  # Describe a pod identified by type and name in "pod.json"
  kubesim describe -f pod.json
  
  # Describe all pods
  kubesim describe pods
  
  # Describe pods by label name=myLabel
  kubesim describe pods -l name=myLabel
  
  # Describe all pods managed by the 'frontend' replication controller
  # (rc-created pods get the name of the rc as a prefix in the pod name)
  kubesim describe pods frontend`,
  usage: 'describe (-f FILENAME | TYPE [NAME_PREFIX | -l label] | TYPE/NAME) [options]',
  flags: [
    allNamespacesFlag,
    ...filenameFlags('containing the resource to describe'),
    selectorFlag,
    { name: 'show-events', type: 'bool', default: true, desc: 'If true, display events related to the described object.' },
    { name: 'chunk-size', type: 'int', default: 500, desc: 'Return large lists in chunks rather than all at once. Pass 0 to disable. This flag is beta and may change in the future.', hidden: true },
  ],
  run: lazy(() => import('./commands/describe'), (m) => m.runDescribe),
};

const applyCmd: CommandSpec = {
  name: 'apply',
  group: 'Advanced Commands',
  short: 'Apply a configuration to a resource by file name or stdin',
  long: `Apply a configuration to a resource by file name or stdin. The resource name must be specified. This resource will be created if it doesn't exist yet. To use 'apply', always create the resource initially with either 'apply' or 'create --save-config'.

 JSON and YAML formats are accepted.`,
  examples: `  # Apply the configuration in pod.json to a pod
  kubesim apply -f ./pod.json
  
  # Apply resources from a directory, and its subdirectories
  kubesim apply -R -f dir/
  
  # Apply the JSON passed into stdin to a pod
  cat pod.json | kubesim apply -f -
  
  # Preview what apply would do without changing anything
  kubesim apply -f fixtures/nginx-deployment.yaml --dry-run=server`,
  usage: 'apply (-f FILENAME | -k DIRECTORY) [options]',
  flags: [
    dryRunFlag,
    ...filenameFlags('that contains the configuration to apply'),
    fieldManagerFlag('kubectl-client-side-apply'),
    outputFlag(),
    { name: 'overwrite', type: 'bool', default: true, desc: 'Automatically resolve conflicts between the modified and live configuration by using values from the modified configuration' },
    { name: 'server-side', type: 'bool', default: false, desc: 'If true, apply runs in the server instead of the client.' },
    { name: 'force-conflicts', type: 'bool', default: false, desc: 'If true, server-side apply will force the changes against conflicts.' },
    selectorFlag,
    validateFlag,
    { name: 'prune', type: 'bool', default: false, desc: 'Automatically delete resource objects, that do not appear in the configs and are created by either apply or create --save-config. Should be used with either -l or --all.', hidden: true },
    { name: 'wait', type: 'bool', default: false, desc: 'If true, wait for resources to be gone before returning. This waits for finalizers.', hidden: true },
    recordFlag,
    ...templateFlags,
  ],
  run: lazy(() => import('./commands/apply'), (m) => m.runApply),
};

const createSubs: CommandSpec[] = [
  {
    name: 'deployment',
    aliases: ['deploy'],
    short: 'Create a deployment with the specified name',
    long: 'Create a deployment with the specified name.',
    examples: `  # Create a deployment named my-dep that runs the busybox image
  kubesim create deployment my-dep --image=busybox
  
  # Create a deployment with a command
  kubesim create deployment my-dep --image=busybox -- date
  
  # Create a deployment named my-dep that runs the nginx image with 3 replicas
  kubesim create deployment my-dep --image=nginx --replicas=3
  
  # Create a deployment named my-dep that runs the busybox image and expose port 5701
  kubesim create deployment my-dep --image=busybox --port=5701`,
    usage: 'create deployment NAME --image=image -- [COMMAND] [args...] [options]',
    dashArgs: true,
    flags: [
      dryRunFlag,
      fieldManagerFlag('kubectl-create'),
      { name: 'image', type: 'strings', default: '[]', desc: 'Image names to run. A deployment can have multiple images set for multi-container pod.' },
      outputFlag(),
      { name: 'port', type: 'int', default: -1, desc: 'The containerPort that this deployment exposes.' },
      { name: 'replicas', short: 'r', type: 'int', default: 1, desc: 'Number of replicas to create. Default is 1.' },
      saveConfigFlag,
      validateFlag,
      ...templateFlags,
    ],
    run: lazy(() => import('./commands/create'), (m) => m.runCreateDeployment),
  },
  {
    name: 'namespace',
    aliases: ['ns'],
    short: 'Create a namespace with the specified name',
    long: 'Create a namespace with the specified name.',
    examples: `  # Create a new namespace named my-namespace
  kubesim create namespace my-namespace`,
    usage: 'create namespace NAME [--dry-run=server|client|none] [options]',
    flags: [dryRunFlag, fieldManagerFlag('kubectl-create'), outputFlag(), saveConfigFlag, validateFlag, ...templateFlags],
    run: lazy(() => import('./commands/create'), (m) => m.runCreateNamespace),
  },
  {
    name: 'serviceaccount',
    aliases: ['sa'],
    short: 'Create a service account with the specified name',
    long: 'Create a service account with the specified name.',
    examples: `  # Create a new service account named my-service-account
  kubesim create serviceaccount my-service-account`,
    usage: 'create serviceaccount NAME [--dry-run=server|client|none] [options]',
    flags: [dryRunFlag, fieldManagerFlag('kubectl-create'), outputFlag(), saveConfigFlag, validateFlag, ...templateFlags],
    run: lazy(() => import('./commands/create-serviceaccount'), (m) => m.runCreateServiceAccount),
  },
  {
    name: 'configmap',
    aliases: ['cm'],
    short: 'Create a config map from a local file, directory or literal value',
    long: `Create a config map based on a file, directory, or specified literal value.

 A single config map may package one or more key/value pairs.

 When creating a config map based on a file, the key will default to the basename of the file, and the value will default to the file content.  If the basename is an invalid key, you may specify an alternate key.

 When creating a config map based on a directory, each file whose basename is a valid key in the directory will be packaged into the config map.  Any directory entries except regular files are ignored (e.g. subdirectories, symlinks, devices, pipes, etc).`,
    examples: `  # Create a new config map named my-config based on folder bar
  kubesim create configmap my-config --from-file=path/to/bar
  
  # Create a new config map named my-config with specified keys instead of file basenames on disk
  kubesim create configmap my-config --from-file=key1=/path/to/bar/file1.txt --from-file=key2=/path/to/bar/file2.txt
  
  # Create a new config map named my-config with key1=config1 and key2=config2
  kubesim create configmap my-config --from-literal=key1=config1 --from-literal=key2=config2
  
  # Create a new config map named my-config from the key=value pairs in the file
  kubesim create configmap my-config --from-file=path/to/bar
  
  # Create a new config map named my-config from an env file
  kubesim create configmap my-config --from-env-file=path/to/foo.env --from-env-file=path/to/bar.env`,
    usage: 'create configmap NAME [--from-file=[key=]source] [--from-literal=key1=value1] [--dry-run=server|client|none] [options]',
    flags: [
      { name: 'append-hash', type: 'bool', default: false, desc: 'Append a hash of the configmap to its name.' },
      dryRunFlag,
      fieldManagerFlag('kubectl-create'),
      { name: 'from-env-file', type: 'strings', default: '[]', desc: 'Specify the path to a file to read lines of key=val pairs to create a configmap.' },
      { name: 'from-file', type: 'strings', default: '[]', desc: 'Key file can be specified using its file path, in which case file basename will be used as configmap key, or optionally with a key and file path, in which case the given key will be used.  Specifying a directory will iterate each named file in the directory whose basename is a valid configmap key.' },
      { name: 'from-literal', type: 'strings', default: '[]', desc: 'Specify a key and literal value to insert in configmap (i.e. mykey=somevalue)' },
      outputFlag(),
      saveConfigFlag,
      validateFlag,
      ...templateFlags,
    ],
    run: lazy(() => import('./commands/create'), (m) => m.runCreateConfigMap),
  },
  {
    name: 'secret',
    short: 'Create a secret using a specified subcommand',
    long: 'Create a secret with specified type.\n\n A docker-registry type secret is for accessing a container registry.\n\n A generic type secret indicate an Opaque secret type.\n\n A tls type secret holds TLS certificate and its associated key.',
    usage: 'create secret (docker-registry | generic | tls) [options]',
    subcommands: [
      {
        name: 'generic',
        short: 'Create a secret from a local file, directory, or literal value',
        long: `Create a secret based on a file, directory, or specified literal value.

 A single secret may package one or more key/value pairs.

 When creating a secret based on a file, the key will default to the basename of the file, and the value will default to the file content. If the basename is an invalid key or you wish to chose your own, you may specify an alternate key.

 When creating a secret based on a directory, each file whose basename is a valid key in the directory will be packaged into the secret. Any directory entries except regular files are ignored (e.g. subdirectories, symlinks, devices, pipes, etc).`,
        examples: `  # Create a new secret named my-secret with keys for each file in folder bar
  kubesim create secret generic my-secret --from-file=path/to/bar
  
  # Create a new secret named my-secret with specified keys instead of names on disk
  kubesim create secret generic my-secret --from-file=ssh-privatekey=path/to/id_rsa --from-file=ssh-publickey=path/to/id_rsa.pub
  
  # Create a new secret named my-secret with key1=supersecret and key2=topsecret
  kubesim create secret generic my-secret --from-literal=key1=supersecret --from-literal=key2=topsecret
  
  # Create a new secret named my-secret using a combination of a file and a literal
  kubesim create secret generic my-secret --from-file=ssh-privatekey=path/to/id_rsa --from-literal=passphrase=topsecret
  
  # Create a new secret named my-secret from env files
  kubesim create secret generic my-secret --from-env-file=path/to/foo.env --from-env-file=path/to/bar.env`,
        usage: 'create secret generic NAME [--type=string] [--from-file=[key=]source] [--from-literal=key1=value1] [--dry-run=server|client|none] [options]',
        flags: [
          { name: 'append-hash', type: 'bool', default: false, desc: 'Append a hash of the secret to its name.' },
          dryRunFlag,
          fieldManagerFlag('kubectl-create'),
          { name: 'from-env-file', type: 'strings', default: '[]', desc: 'Specify the path to a file to read lines of key=val pairs to create a secret.' },
          { name: 'from-file', type: 'strings', default: '[]', desc: 'Key files can be specified using their file path, in which case a default name will be given to them, or optionally with a name and file path, in which case the given name will be used.  Specifying a directory will iterate each named file in the directory that is a valid secret key.' },
          { name: 'from-literal', type: 'strings', default: '[]', desc: 'Specify a key and literal value to insert in secret (i.e. mykey=somevalue)' },
          outputFlag(),
          saveConfigFlag,
          { name: 'type', type: 'string', default: "''", desc: 'The type of secret to create' },
          validateFlag,
          ...templateFlags,
        ],
        run: lazy(() => import('./commands/create'), (m) => m.runCreateSecretGeneric),
      },
      {
        name: 'tls',
        short: 'Create a TLS secret',
        long: `Create a TLS secret from the given public/private key pair.

 The public/private key pair must exist beforehand. The public key certificate must be .PEM encoded and match the given private key.`,
        examples: `  # Create a new TLS secret named tls-secret with the given key pair
  kubesim create secret tls tls-secret --cert=path/to/tls.crt --key=path/to/tls.key`,
        usage: 'create secret tls NAME --cert=path/to/cert/file --key=path/to/key/file [--dry-run=server|client|none] [options]',
        flags: [
          { name: 'append-hash', type: 'bool', default: false, desc: 'Append a hash of the secret to its name.' },
          { name: 'cert', type: 'string', default: "''", desc: 'Path to PEM encoded public key certificate.' },
          dryRunFlag,
          fieldManagerFlag('kubectl-create'),
          { name: 'key', type: 'string', default: "''", desc: 'Path to private key associated with given certificate.' },
          outputFlag(),
          saveConfigFlag,
          validateFlag,
          ...templateFlags,
        ],
        run: lazy(() => import('./commands/create'), (m) => m.runCreateSecretTLS),
      },
      {
        name: 'docker-registry',
        short: 'Create a secret for use with a Docker registry',
        long: `Create a new secret for use with Docker registries.
        
        Dockercfg secrets are used to authenticate against Docker registries.
        
        When using the Docker command line to push images, you can authenticate to a given registry by running:
        '$ docker login DOCKER_REGISTRY_SERVER --username=DOCKER_USER --password=DOCKER_PASSWORD --email=DOCKER_EMAIL'.
        
 That produces a ~/.dockercfg file that is used by subsequent 'docker push' and 'docker pull' commands to authenticate to the registry. The email address is optional.

        When creating applications, you may have a Docker registry that requires authentication.  In order for the
        nodes to pull images on your behalf, they must have the credentials.  You can provide this information
        by creating a dockercfg secret and attaching it to your service account.`,
        examples: `  # If you do not already have a .dockercfg file, create a dockercfg secret directly
  kubesim create secret docker-registry my-secret --docker-server=DOCKER_REGISTRY_SERVER --docker-username=DOCKER_USER --docker-password=DOCKER_PASSWORD --docker-email=DOCKER_EMAIL
  
  # Create a new secret named my-secret from ~/.docker/config.json
  kubesim create secret docker-registry my-secret --from-file=path/to/.docker/config.json`,
        usage: 'create secret docker-registry NAME --docker-username=user --docker-password=password --docker-email=email [--docker-server=string] [--from-file=[key=]source] [--dry-run=server|client|none] [options]',
        flags: [
          { name: 'append-hash', type: 'bool', default: false, desc: 'Append a hash of the secret to its name.' },
          { name: 'docker-email', type: 'string', default: "''", desc: 'Email for Docker registry' },
          { name: 'docker-password', type: 'string', default: "''", desc: 'Password for Docker registry authentication' },
          { name: 'docker-server', type: 'string', default: "'https://index.docker.io/v1/'", desc: 'Server location for Docker registry' },
          { name: 'docker-username', type: 'string', default: "''", desc: 'Username for Docker registry authentication' },
          dryRunFlag,
          fieldManagerFlag('kubectl-create'),
          { name: 'from-file', type: 'strings', default: '[]', desc: 'Key files can be specified using their file path, in which case a default name of .dockerconfigjson will be given to them, or optionally with a name and file path, in which case the given name will be used. Specifying a directory will iterate each named file in the directory that is a valid secret key. For this command, the key should always be .dockerconfigjson.' },
          outputFlag(),
          saveConfigFlag,
          validateFlag,
          ...templateFlags,
        ],
        run: lazy(() => import('./commands/create'), (m) => m.runCreateSecretDockerRegistry),
      },
    ],
  },
  createServiceCmd,
  createIngressCmd,
];

const createCmd: CommandSpec = {
  name: 'create',
  group: 'Basic Commands (Beginner)',
  short: 'Create a resource from a file or from stdin',
  long: `Create a resource from a file or from stdin.

 JSON and YAML formats are accepted.`,
  examples: `  # Create a pod using the data in pod.json
  kubesim create -f ./pod.json
  
  # Create a pod based on the JSON passed into stdin
  cat pod.json | kubesim create -f -
  
  # Create a deployment with three replicas
  kubesim create deployment web --image=nginx:1.27 --replicas=3`,
  usage: 'create -f FILENAME [options]',
  flags: [
    dryRunFlag,
    ...filenameFlags('to use to create the resource'),
    fieldManagerFlag('kubectl-create'),
    outputFlag(),
    { name: 'raw', type: 'string', default: "''", desc: 'Raw URI to POST to the server.  Uses the transport specified by the kubeconfig file.', hidden: true },
    saveConfigFlag,
    selectorFlag,
    validateFlag,
    { name: 'edit', type: 'bool', default: false, desc: 'Edit the API resource before creating', hidden: true },
    recordFlag,
    ...templateFlags,
  ],
  subcommands: [...createSubs, ...EXTRA_CREATE_SUBS],
  run: lazy(() => import('./commands/apply'), (m) => m.runCreateFromFiles),
};

const deleteCmd: CommandSpec = {
  name: 'delete',
  group: 'Basic Commands (Intermediate)',
  short: 'Delete resources by file names, stdin, resources and names, or by resources and label selector',
  long: `Delete resources by file names, stdin, resources and names, or by resources and label selector.

 JSON and YAML formats are accepted. Only one type of argument may be specified: file names, resources and names, or resources and label selector.

 Some resources, such as pods, support graceful deletion. These resources define a default period before they are forcibly terminated (the grace period) but you may override that value with the --grace-period flag, or pass --now to set a grace-period of 1. Because these resources often represent entities in the cluster, deletion may not be acknowledged immediately.

 After a deletion is issued, kubesim waits (advancing the simulated clock in manual mode) until the objects are gone, unless --wait=false.`,
  examples: `  # Delete a pod using the type and name specified in pod.json
  kubesim delete -f ./pod.json
  
  # Delete pods and services with same names "baz" and "foo"
  kubesim delete pod,service baz foo
  
  # Delete pods and services with label name=myLabel
  kubesim delete pods,services -l name=myLabel
  
  # Delete a pod with minimal delay
  kubesim delete pod foo --now
  
  # Force delete a pod on a dead node
  kubesim delete pod foo --force
  
  # Delete a deployment but keep its pods
  kubesim delete deployment web --cascade=orphan
  
  # Delete all pods
  kubesim delete pods --all`,
  usage: 'delete ([-f FILENAME] | [-k DIRECTORY] | TYPE [(NAME | -l label | --all)]) [options]',
  flags: [
    { name: 'all', type: 'bool', default: false, desc: 'Delete all resources, in the namespace of the specified resource types.' },
    allNamespacesFlag,
    { name: 'cascade', type: 'string', default: "'background'", desc: 'Must be "background", "orphan", or "foreground". Selects the deletion cascading strategy for the dependents (e.g. Pods created by a ReplicationController). Defaults to background.' },
    dryRunFlag,
    fieldSelectorFlag,
    ...filenameFlags('containing the resource to delete'),
    { name: 'force', type: 'bool', default: false, desc: 'If true, immediately remove resources from API and bypass graceful deletion. Note that immediate deletion of some resources may result in inconsistency or data loss and requires confirmation.' },
    { name: 'grace-period', type: 'int', default: -1, desc: 'Period of time in seconds given to the resource to terminate gracefully. Ignored if negative. Set to 1 for immediate shutdown. Can only be set to 0 when --force is true (force deletion).' },
    { name: 'ignore-not-found', type: 'bool', default: false, desc: 'Treat "resource not found" as a successful delete. Defaults to "true" when --all is specified.' },
    { name: 'now', type: 'bool', default: false, desc: 'If true, resources are signaled for immediate shutdown (same as --grace-period=1).' },
    outputFlag('name'),
    selectorFlag,
    { name: 'timeout', type: 'string', default: '0s', desc: 'The length of time to wait before giving up on a delete, zero means determine a timeout from the size of the object' },
    { name: 'wait', type: 'bool', default: true, desc: 'If true, wait for resources to be gone before returning. This waits for finalizers.' },
    { name: 'interactive', short: 'i', type: 'bool', default: false, desc: 'If true, delete resource only when user confirms.', hidden: true },
  ],
  run: lazy(() => import('./commands/delete'), (m) => m.runDelete),
};

const scaleCmd: CommandSpec = {
  name: 'scale',
  group: 'Deploy Commands',
  short: 'Set a new size for a deployment, replica set, or replication controller',
  long: `Set a new size for a deployment, replica set, replication controller, or stateful set.

 Scale also allows users to specify one or more preconditions for the scale action.

 If --current-replicas or --resource-version is specified, it is validated before the scale is attempted, and it is guaranteed that the precondition holds true when the scale is sent to the server.`,
  examples: `  # Scale a replica set named 'foo' to 3
  kubesim scale --replicas=3 rs/foo
  
  # Scale a resource identified by type and name specified in "foo.yaml" to 3
  kubesim scale --replicas=3 -f foo.yaml
  
  # If the deployment named mysql's current size is 2, scale mysql to 3
  kubesim scale --current-replicas=2 --replicas=3 deployment/mysql
  
  # Scale multiple replication controllers
  kubesim scale --replicas=5 rc/example1 rc/example2 rc/example3`,
  usage: 'scale [--resource-version=version] [--current-replicas=count] --replicas=COUNT (-f FILENAME | TYPE NAME) [options]',
  flags: [
    { name: 'all', type: 'bool', default: false, desc: 'Select all resources in the namespace of the specified resource types' },
    { name: 'current-replicas', type: 'int', default: -1, desc: 'Precondition for current size. Requires that the current size of the resource match this value in order to scale. -1 (default) for no condition.' },
    dryRunFlag,
    ...filenameFlags('identifying the resource to set a new size'),
    outputFlag(),
    { name: 'replicas', type: 'int', default: 0, desc: 'The new desired number of replicas. Required.' },
    { name: 'resource-version', type: 'string', default: "''", desc: 'Precondition for resource version. Requires that the current resource version match this value in order to scale.' },
    selectorFlag,
    { name: 'timeout', type: 'string', default: '0s', desc: 'The length of time to wait before giving up on a scale operation, zero means don\'t wait. Any other values should contain a corresponding time unit (e.g. 1s, 2m, 3h).' },
    recordFlag,
    ...templateFlags,
  ],
  run: lazy(() => import('./commands/scale'), (m) => m.runScale),
};

const setCmd: CommandSpec = {
  name: 'set',
  group: 'Basic Commands (Beginner)',
  short: 'Set specific features on objects',
  long: `Configure application resources.

 These commands help you make changes to existing application resources.`,
  usage: 'set SUBCOMMAND [options]',
  subcommands: [
    {
      name: 'image',
      short: 'Update the image of a pod template',
      long: `Update existing container image(s) of resources.

 Possible resources include (case insensitive):

        pod (po), replicationcontroller (rc), deployment (deploy), daemonset (ds), statefulset (sts), cronjob (cj), replicaset (rs)`,
      examples: `  # Set a deployment's nginx container image to 'nginx:1.9.1', and its busybox container image to 'busybox'
  kubesim set image deployment/nginx busybox=busybox nginx=nginx:1.9.1
  
  # Update all deployments' and rc's nginx container's image to 'nginx:1.9.1'
  kubesim set image deployments,rc nginx=nginx:1.9.1 --all
  
  # Update image of all containers of daemonset abc to 'nginx:1.9.1'
  kubesim set image daemonset abc *=nginx:1.9.1`,
      usage: 'set image (-f FILENAME | TYPE NAME) CONTAINER_NAME_1=CONTAINER_IMAGE_1 ... CONTAINER_NAME_N=CONTAINER_IMAGE_N [options]',
      flags: [
        { name: 'all', type: 'bool', default: false, desc: 'Select all resources, in the namespace of the specified resource types' },
        dryRunFlag,
        fieldManagerFlag('kubectl-set'),
        ...filenameFlags('identifying the resource to get from a server'),
        { name: 'local', type: 'bool', default: false, desc: 'If true, set image will NOT contact api-server but run locally.' },
        outputFlag(),
        selectorFlag,
        recordFlag,
        ...templateFlags,
      ],
      run: lazy(() => import('./commands/set'), (m) => m.runSetImage),
    },
  ],
};

const labelFlags = (what: 'label' | 'annotation') => [
  { name: 'all', type: 'bool' as const, default: false, desc: 'Select all resources, in the namespace of the specified resource types' },
  allNamespacesFlag,
  dryRunFlag,
  fieldManagerFlag(`kubectl-${what === 'label' ? 'label' : 'annotate'}`),
  fieldSelectorFlag,
  ...filenameFlags(`identifying the resource to update the ${what}`),
  { name: 'list', type: 'bool' as const, default: false, desc: `If true, display the ${what}s for a given resource.` },
  { name: 'local', type: 'bool' as const, default: false, desc: `If true, ${what} will NOT contact api-server but run locally.` },
  outputFlag(),
  { name: 'overwrite', type: 'bool' as const, default: false, desc: `If true, allow ${what}s to be overwritten, otherwise reject ${what} updates that overwrite existing ${what}s.` },
  { name: 'resource-version', type: 'string' as const, default: "''", desc: `If non-empty, the ${what} update will only succeed if this is the current resource-version for the object. Only valid when specifying a single resource.` },
  selectorFlag,
  recordFlag,
  ...templateFlags,
];

const labelCmd: CommandSpec = {
  name: 'label',
  group: 'Settings Commands',
  short: 'Update the labels on a resource',
  long: `Update the labels on a resource.

  *  A label key and value must begin with a letter or number, and may contain letters, numbers, hyphens, dots, and underscores, up to 63 characters each.
  *  Optionally, the key can begin with a DNS subdomain prefix and a single '/', like example.com/my-app.
  *  If --overwrite is true, then existing labels can be overwritten, otherwise attempting to overwrite a label will result in an error.
  *  If --resource-version is specified, then updates will use this resource version, otherwise the existing resource-version will be used.`,
  examples: `  # Update pod 'foo' with the label 'unhealthy' and the value 'true'
  kubesim label pods foo unhealthy=true
  
  # Update pod 'foo' with the label 'status' and the value 'unhealthy', overwriting any existing value
  kubesim label --overwrite pods foo status=unhealthy
  
  # Update all pods in the namespace
  kubesim label pods --all status=unhealthy
  
  # Update pod 'foo' only if the resource is unchanged from version 1
  kubesim label pods foo status=unhealthy --resource-version=1
  
  # Update pod 'foo' by removing a label named 'bar' if it exists
  # Does not require the --overwrite flag
  kubesim label pods foo bar-`,
  usage: 'label [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version] [options]',
  flags: labelFlags('label'),
  run: lazy(() => import('./commands/label'), (m) => m.runLabel),
};

const annotateCmd: CommandSpec = {
  name: 'annotate',
  group: 'Settings Commands',
  short: 'Update the annotations on a resource',
  long: `Update the annotations on one or more resources.

 All Kubernetes objects support the ability to store additional data with the object as annotations. Annotations are key/value pairs that can be larger than labels and include arbitrary string values such as structured JSON. Tools and system extensions may use annotations to store their own data.

 Attempting to set an annotation that already exists will fail unless --overwrite is set. If --resource-version is specified and does not match the current resource version on the server the command will fail.`,
  examples: `  # Update pod 'foo' with the annotation 'description' and the value 'my frontend'
  # If the same annotation is set multiple times, only the last value will be applied
  kubesim annotate pods foo description='my frontend'
  
  # Update pod 'foo' with the annotation 'description' and the value 'my frontend running nginx', overwriting any existing value
  kubesim annotate --overwrite pods foo description='my frontend running nginx'
  
  # Update all pods in the namespace
  kubesim annotate pods --all description='my frontend running nginx'
  
  # Update pod 'foo' by removing an annotation named 'description' if it exists
  # Does not require the --overwrite flag
  kubesim annotate pods foo description-`,
  usage: 'annotate [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version] [options]',
  flags: labelFlags('annotation'),
  run: lazy(() => import('./commands/label'), (m) => m.runAnnotate),
};

const patchCmd: CommandSpec = {
  name: 'patch',
  group: 'Advanced Commands',
  short: 'Update fields of a resource',
  long: `Update fields of a resource using strategic merge patch, a JSON merge patch, or a JSON patch.

 JSON and YAML formats are accepted.`,
  examples: `  # Partially update a node using a strategic merge patch, specifying the patch as JSON
  kubesim patch node worker-1 -p '{"spec":{"unschedulable":true}}'
  
  # Partially update a node using a strategic merge patch, specifying the patch as YAML
  kubesim patch node worker-1 -p $'spec:\\n unschedulable: true'
  
  # Partially update a node identified by the type and name specified in "node.json" using strategic merge patch
  kubesim patch -f node.json -p '{"spec":{"unschedulable":true}}'
  
  # Update a container's image; spec.containers[*].name is required because it's a merge key
  kubesim patch pod valid-pod -p '{"spec":{"containers":[{"name":"kubernetes-serve-hostname","image":"new image"}]}}'
  
  # Update a container's image using a JSON patch with positional arrays
  kubesim patch pod valid-pod --type='json' -p='[{"op": "replace", "path": "/spec/containers/0/image", "value":"new image"}]'
  
  # Update a deployment's replicas through the 'scale' subresource using a merge patch
  kubesim patch deployment nginx-deployment --subresource='scale' --type='merge' -p '{"spec":{"replicas":2}}'`,
  usage: 'patch (-f FILENAME | TYPE NAME) [-p PATCH|--patch-file FILE] [options]',
  flags: [
    dryRunFlag,
    fieldManagerFlag('kubectl-patch'),
    ...filenameFlags('identifying the resource to update'),
    { name: 'local', type: 'bool', default: false, desc: 'If true, patch will operate on the content of the file, not the server-side resource.' },
    outputFlag(),
    { name: 'patch', short: 'p', type: 'string', default: "''", desc: 'The patch to be applied to the resource JSON file.' },
    { name: 'patch-file', type: 'string', default: "''", desc: 'A file containing a patch to be applied to the resource.' },
    { name: 'subresource', type: 'string', default: "''", desc: "If specified, patch will operate on the subresource of the requested object. Must be one of [status scale]. This flag is beta and may change in the future." },
    { name: 'type', type: 'string', default: "'strategic'", desc: 'The type of patch being provided; one of [json merge strategic]' },
    recordFlag,
    ...templateFlags,
  ],
  run: lazy(() => import('./commands/patch'), (m) => m.runPatch),
};

const rolloutFlags = {
  filename: filenameFlags('identifying the resource to get from a server'),
};

const rolloutCmd: CommandSpec = {
  name: 'rollout',
  group: 'Deploy Commands',
  short: 'Manage the rollout of a resource',
  long: `Manage the rollout of one or many resources.
        
 Valid resource types include:

  *  deployments
  *  daemonsets
  *  statefulsets`,
  examples: `  # Rollback to the previous deployment
  kubesim rollout undo deployment/abc
  
  # Check the rollout status of a daemonset
  kubesim rollout status daemonset/foo
  
  # Restart a deployment
  kubesim rollout restart deployment/abc
  
  # Restart deployments with the 'app=nginx' label
  kubesim rollout restart deployment --selector=app=nginx`,
  usage: 'rollout SUBCOMMAND [options]',
  subcommands: [
    {
      name: 'history',
      short: 'View rollout history',
      long: 'View previous rollout revisions and configurations.',
      examples: `  # View the rollout history of a deployment
  kubesim rollout history deployment/abc
  
  # View the details of daemonset revision 3
  kubesim rollout history daemonset/abc --revision=3`,
      usage: 'rollout history (TYPE NAME | TYPE/NAME) [flags] [options]',
      flags: [...rolloutFlags.filename, outputFlag(), { name: 'revision', type: 'int', default: 0, desc: 'See the details, including podTemplate of the revision specified' }, selectorFlag, ...templateFlags],
      run: lazy(() => import('./commands/rollout'), (m) => m.runHistory),
    },
    {
      name: 'pause',
      short: 'Mark the provided resource as paused',
      long: `Mark the provided resource as paused.

 Paused resources will not be reconciled by a controller. Use "kubesim rollout resume" to resume a paused resource. Currently only deployments support being paused.`,
      examples: `  # Mark the nginx deployment as paused
  # Any current state of the deployment will continue its function; new updates
  # to the deployment will not have an effect as long as the deployment is paused
  kubesim rollout pause deployment/nginx`,
      usage: 'rollout pause RESOURCE [options]',
      flags: [fieldManagerFlag('kubectl-rollout'), ...rolloutFlags.filename, outputFlag(), selectorFlag, ...templateFlags],
      run: lazy(() => import('./commands/rollout'), (m) => m.runPause),
    },
    {
      name: 'restart',
      short: 'Restart a resource',
      long: `Restart a resource.

        Resource rollout will be restarted.`,
      examples: `  # Restart all deployments in the test-namespace namespace
  kubesim rollout restart deployment -n test-namespace
  
  # Restart a deployment
  kubesim rollout restart deployment/nginx
  
  # Restart a daemon set
  kubesim rollout restart daemonset/abc
  
  # Restart deployments with the app=nginx label
  kubesim rollout restart deployment --selector=app=nginx`,
      usage: 'rollout restart RESOURCE [options]',
      flags: [fieldManagerFlag('kubectl-rollout'), ...rolloutFlags.filename, outputFlag(), selectorFlag, ...templateFlags],
      run: lazy(() => import('./commands/rollout'), (m) => m.runRestart),
    },
    {
      name: 'resume',
      short: 'Resume a paused resource',
      long: `Resume a paused resource.

 Paused resources will not be reconciled by a controller. By resuming a resource, we allow it to be reconciled again. Currently only deployments support being resumed.`,
      examples: `  # Resume an already paused deployment
  kubesim rollout resume deployment/nginx`,
      usage: 'rollout resume RESOURCE [options]',
      flags: [fieldManagerFlag('kubectl-rollout'), ...rolloutFlags.filename, outputFlag(), selectorFlag, ...templateFlags],
      run: lazy(() => import('./commands/rollout'), (m) => m.runResume),
    },
    {
      name: 'status',
      short: 'Show the status of the rollout',
      long: `Show the status of the rollout.

 By default 'rollout status' will watch the status of the latest rollout until it's done. If you don't want to wait for the rollout to finish then you can use --watch=false. Note that if a new rollout starts in-between, then 'rollout status' will continue watching the latest revision. If you want to pin to a specific revision and abort if it is rolled over by another revision, use --revision=N where N is the revision you need to watch for.

 With a manual clock, waiting advances the simulated clock until the rollout is done or --timeout passes.`,
      examples: `  # Watch the rollout status of a deployment
  kubesim rollout status deployment/nginx`,
      usage: 'rollout status (TYPE NAME | TYPE/NAME) [flags] [options]',
      flags: [
        ...rolloutFlags.filename,
        { name: 'revision', type: 'int', default: 0, desc: 'Pin to a specific revision for showing its status. Defaults to 0 (last revision).' },
        selectorFlag,
        { name: 'timeout', type: 'string', default: '0s', desc: 'The length of time to wait before ending watch, zero means never. Any other values should contain a corresponding time unit (e.g. 1s, 2m, 3h).' },
        { name: 'watch', short: 'w', type: 'bool', default: true, desc: 'Watch the status of the rollout until it\'s done.' },
      ],
      run: lazy(() => import('./commands/rollout'), (m) => m.runStatus),
    },
    {
      name: 'undo',
      short: 'Undo a previous rollout',
      long: `Roll back to a previous rollout.`,
      examples: `  # Roll back to the previous deployment
  kubesim rollout undo deployment/abc
  
  # Roll back to daemonset revision 3
  kubesim rollout undo daemonset/abc --to-revision=3
  
  # Roll back to the previous deployment with dry-run
  kubesim rollout undo --dry-run=server deployment/abc`,
      usage: 'rollout undo (TYPE NAME | TYPE/NAME) [flags] [options]',
      flags: [dryRunFlag, ...rolloutFlags.filename, outputFlag(), selectorFlag, { name: 'to-revision', type: 'int', default: 0, desc: 'The revision to rollback to. Default to 0 (last revision).' }, ...templateFlags],
      run: lazy(() => import('./commands/rollout'), (m) => m.runUndo),
    },
  ],
};

const editCmd: CommandSpec = {
  name: 'edit',
  group: 'Basic Commands (Intermediate)',
  short: 'Edit a resource on the server',
  long: `Edit a resource from the default editor.

 The edit command allows you to directly edit any API resource you can retrieve via the command-line tools. It will open the editor defined by your KUBE_EDITOR, or EDITOR environment variables, or fall back to 'vi' for Linux or 'notepad' for Windows. When attempting to open the editor, it will first attempt to use the shell that has been defined in the 'SHELL' environment variable. If this is not defined, the default shell will be used, which is '/bin/bash' for Linux or 'cmd' for Windows.

 You can edit multiple objects, although changes are applied one at a time. The command accepts file names as well as command-line arguments, although the files you point to must be previously saved versions of resources.

 Editing is done with the API version used to fetch the resource. To edit using a specific API version, fully-qualify the resource, version, and group.

 The default format is YAML. To edit in JSON, specify "-o json".

 In the event an error occurs while updating, a temporary file will be created on disk that contains your unapplied changes. The most common error when updating a resource is another editor changing the resource on the server. When this occurs, you will have to apply your changes to the newer version of the resource, or update your temporary saved copy to include the latest resource version.`,
  examples: `  # Edit the service named 'registry'
  kubesim edit svc/registry
  
  # Use an alternative editor
  KUBE_EDITOR="nano" kubesim edit svc/registry
  
  # Edit the deployment 'mydeployment' in YAML and save the modified config in its annotation
  kubesim edit deployment/mydeployment -o yaml --save-config`,
  usage: 'edit (RESOURCE/NAME | -f FILENAME) [options]',
  flags: [
    fieldManagerFlag('kubectl-edit'),
    ...filenameFlags('to use to edit the resource'),
    outputFlag(),
    { name: 'output-patch', type: 'bool', default: false, desc: 'Output the patch if the resource is edited.' },
    saveConfigFlag,
    { name: 'subresource', type: 'string', default: "''", desc: 'If specified, edit will operate on the subresource of the requested object. Must be one of [status]. This flag is beta and may change in the future.' },
    validateFlag,
    { name: 'windows-line-endings', type: 'bool', default: false, desc: 'Defaults to the line ending native to your platform.' },
    recordFlag,
    ...templateFlags,
  ],
  run: lazy(() => import('./commands/edit'), (m) => m.runEdit),
};

const runCmd: CommandSpec = {
  name: 'run',
  group: 'Basic Commands (Beginner)',
  short: 'Run a particular image on the cluster',
  long: 'Create and run a particular image in a pod.',
  examples: `  # Start a nginx pod
  kubesim run nginx --image=nginx
  
  # Start a hazelcast pod and let the container expose port 5701
  kubesim run hazelcast --image=hazelcast/hazelcast --port=5701
  
  # Start a hazelcast pod and set labels "app=hazelcast" and "env=prod" in the container
  kubesim run hazelcast --image=hazelcast/hazelcast --labels="app=hazelcast,env=prod"
  
  # Dry run; print the corresponding API objects without creating them
  kubesim run nginx --image=nginx --dry-run=client
  
  # Start a busybox pod that keeps running
  kubesim run busybox --image=busybox -- sleep 3600`,
  usage: 'run NAME --image=image [--env="key=value"] [--port=port] [--dry-run=server|client] [--overrides=inline-json] [--command] -- [COMMAND] [args...] [options]',
  dashArgs: true,
  flags: [
    { name: 'annotations', type: 'strings', default: '[]', desc: 'Annotations to apply to the pod.' },
    { name: 'command', type: 'bool', default: false, desc: 'If true and extra arguments are present, use them as the \'command\' field in the container, rather than the \'args\' field which is the default.' },
    dryRunFlag,
    { name: 'env', type: 'strings', default: '[]', desc: 'Environment variables to set in the container.' },
    { name: 'expose', type: 'bool', default: false, desc: "If true, create a ClusterIP service associated with the pod.  Requires `--port`." },
    fieldManagerFlag('kubectl-run'),
    { name: 'image', type: 'string', default: "''", desc: 'The image for the container to run.' },
    { name: 'image-pull-policy', type: 'string', default: "''", desc: "The image pull policy for the container.  If left empty, this value will not be specified by the client and defaulted by the server." },
    { name: 'labels', short: 'l', type: 'string', default: "''", desc: 'Comma separated labels to apply to the pod. Will override previous values.' },
    outputFlag(),
    { name: 'overrides', type: 'string', default: "''", desc: 'An inline JSON override for the generated object. If this is non-empty, it is used to override the generated object. Requires that the object supply a valid apiVersion field.' },
    { name: 'port', type: 'string', default: "''", desc: 'The port that this container exposes.' },
    { name: 'privileged', type: 'bool', default: false, desc: 'If true, run the container in privileged mode.' },
    { name: 'restart', type: 'string', default: "'Always'", desc: "The restart policy for this Pod.  Legal values [Always, OnFailure, Never]." },
    { name: 'rm', type: 'bool', default: false, desc: 'If true, delete the pod after it exits.  Only valid when attaching to the container, e.g. with \'--attach\' or with \'-i/--stdin\'.', hidden: true },
    { name: 'stdin', short: 'i', type: 'bool', default: false, desc: 'Keep stdin open on the container in the pod, even if nothing is attached.', hidden: true },
    { name: 'tty', short: 't', type: 'bool', default: false, desc: 'Allocate a TTY for the container in the pod.', hidden: true },
    ...templateFlags,
  ],
  run: lazy(() => import('./commands/run'), (m) => m.runRun),
};

const apiResourcesCmd: CommandSpec = {
  name: 'api-resources',
  group: 'Other Commands',
  short: 'Print the supported API resources on the server',
  long: 'Print the supported API resources on the server.',
  examples: `  # Print the supported API resources
  kubesim api-resources
  
  # Print the supported API resources with more information
  kubesim api-resources -o wide
  
  # Print the supported API resources sorted by a column
  kubesim api-resources --sort-by=name
  
  # Print the supported namespaced resources
  kubesim api-resources --namespaced=true
  
  # Print the supported non-namespaced resources
  kubesim api-resources --namespaced=false
  
  # Print the supported API resources with a specific APIGroup
  kubesim api-resources --api-group=rbac.authorization.k8s.io`,
  usage: 'api-resources [flags] [options]',
  flags: [
    { name: 'api-group', type: 'string', default: "''", desc: 'Limit to resources in the specified API group.' },
    { name: 'cached', type: 'bool', default: false, desc: 'Use the cached list of resources if available.' },
    { name: 'categories', type: 'strings', default: '[]', desc: 'Limit to resources that belong to the specified categories.' },
    { name: 'namespaced', type: 'bool', default: true, desc: 'If false, non-namespaced resources will be returned, otherwise returning namespaced resources by default.' },
    { name: 'no-headers', type: 'bool', default: false, desc: "When using the default or custom-column output format, don't print headers (default print headers)." },
    outputFlag('wide, name'),
    { name: 'sort-by', type: 'string', default: "''", desc: "If non-empty, sort list of resources using specified field. The field can be either 'name' or 'kind'." },
    { name: 'verbs', type: 'strings', default: '[]', desc: 'Limit to resources that support the specified verbs.' },
  ],
  run: lazy(() => import('./commands/info'), (m) => m.runApiResources),
};

const apiVersionsCmd: CommandSpec = {
  name: 'api-versions',
  group: 'Other Commands',
  short: 'Print the supported API versions on the server, in the form of "group/version"',
  long: 'Print the supported API versions on the server, in the form of "group/version".',
  examples: `  # Print the supported API versions
  kubesim api-versions`,
  usage: 'api-versions [options]',
  run: lazy(() => import('./commands/info'), (m) => m.runApiVersions),
};

const versionCmd: CommandSpec = {
  name: 'version',
  group: 'Other Commands',
  short: 'Print the client and server version information',
  long: 'Print the client and server version information for the current context.',
  examples: `  # Print the client and server versions for the current context
  kubesim version`,
  usage: 'version [flags] [options]',
  flags: [
    { name: 'client', type: 'bool', default: false, desc: 'If true, shows client version only (no server required).' },
    outputFlag('yaml, json'),
  ],
  run: lazy(() => import('./commands/info'), (m) => m.runVersion),
};

const clusterInfoCmd: CommandSpec = {
  name: 'cluster-info',
  group: 'Cluster Management Commands',
  short: 'Display cluster information',
  long: `Display addresses of the control plane and services with label kubernetes.io/cluster-service=true. To further debug and diagnose cluster problems, use 'kubesim cluster-info dump'.`,
  examples: `  # Print the address of the control plane and cluster services
  kubesim cluster-info`,
  usage: 'cluster-info [flags] [options]',
  run: lazy(() => import('./commands/info'), (m) => m.runClusterInfo),
};

const logsCmd: CommandSpec = {
  name: 'logs',
  group: 'Troubleshooting and Debugging Commands',
  short: 'Print the logs for a container in a pod',
  long: 'Print the logs for a container in a pod or specified resource. If the pod has only one container, the container name is optional.',
  examples: `  # Return snapshot logs from pod nginx with only one container
  kubesim logs nginx
  
  # Return snapshot logs from pod nginx, prefixing each line with the source pod and container name
  kubesim logs nginx --prefix
  
  # Return snapshot logs from pod nginx, limiting output to 500 bytes
  kubesim logs nginx --limit-bytes=500
  
  # Return snapshot logs from pod nginx, waiting up to 20 seconds for it to start running.
  kubesim logs nginx --pod-running-timeout=20s
  
  # Return snapshot logs from pod nginx with multi containers
  kubesim logs nginx --all-containers=true
  
  # Return snapshot logs from all pods in the deployment nginx
  kubesim logs deployment/nginx --all-pods=true
  
  # Return snapshot logs from all containers in pods defined by label app=nginx
  kubesim logs -l app=nginx --all-containers=true
  
  # Return snapshot logs from all pods defined by label app=nginx, limiting concurrent log requests to 10 pods
  kubesim logs -l app=nginx --max-log-requests=10
  
  # Return snapshot of previous terminated ruby container logs from pod web-1
  kubesim logs -p -c ruby web-1
  
  # Begin streaming the logs from pod nginx, continuing even if errors occur
  kubesim logs nginx -f --ignore-errors=true
  
  # Begin streaming the logs of the ruby container in pod web-1
  kubesim logs -f -c ruby web-1
  
  # Begin streaming the logs from all containers in pods defined by label app=nginx
  kubesim logs -f -l app=nginx --all-containers=true
  
  # Display only the most recent 20 lines of output in pod nginx
  kubesim logs --tail=20 nginx
  
  # Show all logs from pod nginx written in the last hour
  kubesim logs --since=1h nginx
  
  # Show all logs with timestamps from pod nginx starting from August 30, 2024, at 06:00:00 UTC
  kubesim logs nginx --since-time=2024-08-30T06:00:00Z --timestamps=true
  
  # Show logs from a kubelet with an expired serving certificate
  kubesim logs --insecure-skip-tls-verify-backend nginx
  
  # Return snapshot logs from first container of a job named hello
  kubesim logs job/hello
  
  # Return snapshot logs from container nginx-1 of a deployment named nginx
  kubesim logs deployment/nginx -c nginx-1`,
  usage: 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER] [options]',
  flags: [
    { name: 'all-containers', type: 'bool', default: false, desc: "Get all containers' logs in the pod(s)." },
    { name: 'all-pods', type: 'bool', default: false, desc: 'Get logs from all pod(s). Sets prefix to true.' },
    { name: 'container', short: 'c', type: 'string', default: "''", desc: 'Print the logs of this container' },
    { name: 'follow', short: 'f', type: 'bool', default: false, desc: 'Specify if the logs should be streamed.' },
    { name: 'ignore-errors', type: 'bool', default: false, desc: 'If watching / following pod logs, allow for any errors that occur to be non-fatal' },
    { name: 'insecure-skip-tls-verify-backend', type: 'bool', default: false, desc: 'Skip verifying the identity of the kubelet that logs are requested from.  In theory, an attacker could provide invalid log content back. You might want to use this if your kubelet serving certificates have expired.' },
    { name: 'limit-bytes', type: 'int', default: 0, desc: 'Maximum bytes of logs to return. Defaults to no limit.' },
    { name: 'max-log-requests', type: 'int', default: 5, desc: 'Specify maximum number of concurrent logs to follow when using by a selector. Defaults to 5.' },
    { name: 'pod-running-timeout', type: 'string', default: '20s', desc: 'The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running' },
    { name: 'prefix', type: 'bool', default: false, desc: 'Prefix each log line with the log source (pod name and container name)' },
    { name: 'previous', short: 'p', type: 'bool', default: false, desc: 'If true, print the logs for the previous instance of the container in a pod if it exists.' },
    { name: 'selector', short: 'l', type: 'string', default: "''", desc: "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints." },
    { name: 'since', type: 'string', default: '0s', desc: 'Only return logs newer than a relative duration like 5s, 2m, or 3h. Defaults to all logs. Only one of since-time / since may be used.' },
    { name: 'since-time', type: 'string', default: "''", desc: 'Only return logs after a specific date (RFC3339). Defaults to all logs. Only one of since-time / since may be used.' },
    { name: 'tail', type: 'int', default: -1, desc: 'Lines of recent log file to display. Defaults to -1 with no selector, showing all log lines otherwise 10, if a selector is provided.' },
    { name: 'timestamps', type: 'bool', default: false, desc: 'Include timestamps on each line in the log output' },
  ],
  run: lazy(() => import('./commands/logs'), (m) => m.runLogs),
};

const execCmd: CommandSpec = {
  name: 'exec',
  group: 'Troubleshooting and Debugging Commands',
  short: 'Execute a command in a container',
  long: 'Execute a command in a container.',
  examples: `  # Get output from running the 'date' command from pod mypod, using the first container by default
  kubesim exec mypod -- date
  
  # Get output from running the 'date' command in ruby-container from pod mypod
  kubesim exec mypod -c ruby-container -- date
  
  # Switch to raw terminal mode; sends stdin to 'bash' in ruby-container from pod mypod
  # and sends stdout/stderr from 'bash' back to the client
  kubesim exec mypod -c ruby-container -i -t -- bash -il
  
  # List contents of /usr from the first container of pod mypod and sort by modification time
  # If the command you want to execute in the pod has any flags in common (e.g. -i),
  # you must use two dashes (--) to separate your command's flags/arguments
  # Also note, do not surround your command and its flags/arguments with quotes
  # unless that is how you would execute it normally (i.e., do ls -t /usr, not "ls -t /usr")
  kubesim exec mypod -i -t -- ls -t /usr
  
  # Get output from running 'date' command from the first pod of the deployment mydeployment, using the first container by default
  kubesim exec deploy/mydeployment -- date
  
  # Get output from running 'date' command from the first pod of the service myservice, using the first container by default
  kubesim exec svc/myservice -- date`,
  usage: 'exec (POD | TYPE/NAME) [-c CONTAINER] [flags] -- COMMAND [args...] [options]',
  dashArgs: true,
  flags: [
    { name: 'container', short: 'c', type: 'string', default: "''", desc: 'Container name. If omitted, use the kubectl.kubernetes.io/default-container annotation for selecting the container to be attached or the first container in the pod will be chosen' },
    { name: 'filename', short: 'f', type: 'strings', default: '[]', desc: 'to use to exec into the resource' },
    { name: 'pod-running-timeout', type: 'string', default: '1m0s', desc: 'The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running' },
    { name: 'quiet', short: 'q', type: 'bool', default: false, desc: 'Only print output from the remote session' },
    { name: 'stdin', short: 'i', type: 'bool', default: false, desc: 'Pass stdin to the container' },
    { name: 'tty', short: 't', type: 'bool', default: false, desc: 'Stdin is a TTY' },
  ],
  run: lazy(() => import('./commands/exec'), (m) => m.runExec),
};

const eventsCmd: CommandSpec = {
  name: 'events',
  group: 'Troubleshooting and Debugging Commands',
  short: 'List events',
  long: 'Display events.\n\n Prints a table of the most important information about events. You can request events for a namespace, for all namespace, or filtered to only those pertaining to a specified resource.',
  examples: `  # List recent events in the default namespace
  kubesim events
  
  # List recent events in all namespaces
  kubesim events --all-namespaces
  
  # List recent events for the specified pod, then wait for more events and list them as they arrive
  kubesim events --for pod/web-pod-13je7
  
  # List recent events in YAML format
  kubesim events -oyaml
  
  # List recent only events of type 'Warning' or 'Normal'
  kubesim events --types=Warning,Normal`,
  usage: 'events [(-o|--output=)json|yaml|name|go-template|go-template-file|template|templatefile|jsonpath|jsonpath-as-json|jsonpath-file] [--for TYPE/NAME] [--watch] [--types=Normal,Warning] [options]',
  flags: [
    allNamespacesFlag,
    { name: 'for', type: 'string', default: "''", desc: 'Filter events to only those pertaining to the specified resource.' },
    { name: 'no-headers', type: 'bool', default: false, desc: "When using the default output format, don't print headers." },
    outputFlag(),
    { name: 'types', type: 'strings', default: '[]', desc: 'Output only events of given types.' },
    { name: 'watch', short: 'w', type: 'bool', default: false, desc: 'After listing the requested events, watch for more events.' },
    ...templateFlags,
  ],
  run: lazy(() => import('./commands/events'), (m) => m.runEvents),
};

const completionCmd: CommandSpec = {
  name: 'completion',
  group: 'Settings Commands',
  short: 'Output shell completion code for the specified shell (bash or zsh)',
  long: `Output shell completion code for the specified shell (bash or zsh). The shell code must be evaluated to provide interactive completion of kubesim commands.  This can be done by sourcing it from the .bash_profile.`,
  examples: `  # Load the kubesim completion code for bash into the current shell
  source <(kubesim completion bash)
  
  # Load the kubesim completion code for zsh into the current shell
  source <(kubesim completion zsh)`,
  usage: 'completion SHELL [options]',
  run: lazy(() => import('./commands/completion'), (m) => m.runCompletion),
};

const clusterCmd: CommandSpec = {
  name: 'cluster',
  group: 'Simulation Commands (kubesim)',
  short: 'Create, reset or inspect the simulated cluster',
  long: 'Create, reset or inspect the simulated cluster kept in the state file.',
  usage: 'cluster SUBCOMMAND [options]',
  subcommands: [
    {
      name: 'create',
      short: 'Create a new simulated cluster',
      long: `Create a new simulated cluster in the state file.

 The default cluster has one control-plane node and two workers, the system namespaces, the control plane as static pods, kube-proxy on every node and CoreDNS. With --clock manual, time starts at a fixed instant and moves only with "kubesim clock advance" or inside waiting verbs, so the same commands always print the same output.`,
      examples: `  # A cluster with a manual clock, for scripts and snapshot tests
  kubesim cluster create --clock manual
  
  # Three workers, a different seed for generated names
  kubesim cluster create --workers 3 --seed 42 --force
  
  # Two control-plane nodes and three workers ("2 masters, 3 workers") with 2 CPUs and 4Gi each, in zones a, b and c
  kubesim cluster create --control-planes 2 --workers 3 --node-cpu 2 --node-memory 4Gi --zones a,b,c --force
  
  # Nodes described one by one (capacity, labels such as disktype=ssd or gpu=true, taints)
  kubesim cluster create --nodes-file nodes.yaml --force`,
      usage: 'cluster create [--control-planes N] [--workers N] [--node-cpu Q] [--node-memory Q] [--node-pods N] [--zones a,b,c] [--nodes-file FILE] [--clock real|manual] [--seed N] [--force] [options]',
      flags: [
        { name: 'workers', type: 'int', default: 2, desc: 'Number of worker nodes.' },
        { name: 'control-planes', type: 'int', default: 1, desc: 'Number of control-plane nodes.' },
        { name: 'node-cpu', type: 'string', default: "'4'", desc: 'CPU capacity of every node (a quantity: 4, 2500m).' },
        { name: 'node-memory', type: 'string', default: "'8148692Ki'", desc: 'Memory capacity of every node (a quantity: 8Gi, 16000Mi).' },
        { name: 'node-pods', type: 'int', default: 110, desc: 'Maximum number of pods on every node.' },
        { name: 'zones', type: 'string', default: "''", desc: 'Comma-separated zones, spread round-robin over the nodes as the topology.kubernetes.io/zone label (e.g. a,b,c).' },
        { name: 'nodes-file', type: 'string', default: "''", desc: 'YAML file listing the nodes (name, role, cpu, memory, pods, labels, taints) instead of --control-planes/--workers.' },
        { name: 'clock', type: 'string', default: "'real'", desc: 'Clock mode: "real" follows wall-clock time, "manual" moves only when asked (default "real", or $KUBESIM_CLOCK).' },
        { name: 'seed', type: 'int', default: 1, desc: 'Seed of the random source used for names, UIDs and IPs.' },
        { name: 'force', type: 'bool', default: false, desc: 'Replace an existing cluster.' },
      ],
      run: lazy(() => import('./commands/cluster'), (m) => m.runClusterCreate),
    },
    {
      name: 'reset',
      short: 'Replace the cluster with a fresh default one (keeping the clock mode)',
      long: 'Replace the cluster with a fresh default cluster. The old state file is kept as <state>.bak.',
      examples: `  # Start over
  kubesim cluster reset`,
      usage: 'cluster reset [options]',
      flags: [{ name: 'clock', type: 'string', default: "''", desc: 'Clock mode of the new cluster (default: the old one\'s, or $KUBESIM_CLOCK).' }],
      run: lazy(() => import('./commands/cluster'), (m) => m.runClusterReset),
    },
    {
      name: 'info',
      short: 'Show the cluster\'s nodes, clock and state file',
      long: 'Show the simulated cluster: state file, clock, seed, nodes and object counts.',
      examples: `  kubesim cluster info`,
      usage: 'cluster info [options]',
      run: lazy(() => import('./commands/cluster'), (m) => m.runClusterInfoSim),
    },
  ],
};

const clockCmd: CommandSpec = {
  name: 'clock',
  group: 'Simulation Commands (kubesim)',
  short: 'Show or advance the simulated clock',
  long: `Show the simulated time and clock mode, or advance it.

 With a manual clock, time moves only when you say so: "kubesim clock advance 30s" runs every timer due in the next 30 seconds (image pulls, readiness, rollouts, restarts, schedules) in order.`,
  examples: `  # Show the simulated time
  kubesim clock
  
  # Let 90 seconds pass
  kubesim clock advance 90s
  
  # Let an hour and a half pass
  kubesim clock advance 1h30m`,
  usage: 'clock [advance DURATION] [options]',
  subcommands: [
    {
      name: 'advance',
      short: 'Let simulated time pass',
      long: 'Advance the simulated clock by a duration (Go syntax: 30s, 5m, 1h30m), running everything that happens in between.',
      examples: `  kubesim clock advance 5m`,
      usage: 'clock advance DURATION [options]',
      run: lazy(() => import('./commands/clock'), (m) => m.runClockAdvance),
    },
    {
      name: 'show',
      short: 'Show the simulated time and mode',
      long: 'Show the simulated time and clock mode.',
      usage: 'clock show [options]',
      hidden: true,
      run: lazy(() => import('./commands/clock'), (m) => m.runClockShow),
    },
  ],
  run: lazy(() => import('./commands/clock'), (m) => m.runClockShow),
};

const optionsCmd: CommandSpec = {
  name: 'options',
  short: 'Print the list of flags inherited by all commands',
  long: 'Print the list of flags inherited by all commands',
  usage: 'options [flags] [options]',
  group: 'Other Commands',
  hidden: true,
  run: lazy(() => import('./help'), (m) => () => {
    out.write(m.optionsHelp());
  }),
};

const completeCmd: CommandSpec = {
  name: '__complete',
  short: 'Completion candidates (used by the completion scripts)',
  usage: '__complete [words...]',
  hidden: true,
  rawArgs: true,
  run: lazy(() => import('./commands/completion'), (m) => m.runComplete),
};

export const ROOT: CommandSpec = {
  name: 'kubesim',
  short: 'kubesim controls a simulated Kubernetes cluster.',
  long: `kubesim controls a simulated Kubernetes 1.32 cluster, with kubectl's commands.

 Find more information at: https://kubernetes.io/docs/reference/kubectl/`,
  usage: '[flags] [options]',
  subcommands: [
    createCmd,
    exposeCmd,
    runCmd,
    setCmd,
    getCmd,
    editCmd,
    deleteCmd,
    rolloutCmd,
    scaleCmd,
    autoscaleCmd,
    clusterInfoCmd,
    topCmd,
    cordonCmd,
    uncordonCmd,
    drainCmd,
    taintCmd,
    describeCmd,
    logsCmd,
    execCmd,
    AUTH_CMD,
    eventsCmd,
    applyCmd,
    patchCmd,
    labelCmd,
    annotateCmd,
    completionCmd,
    apiResourcesCmd,
    apiVersionsCmd,
    versionCmd,
    optionsCmd,
    clusterCmd,
    clockCmd,
    curlCmd,
    nodeCmd,
    faultCmd,
    loadCmd,
    whyCmd,
    completeCmd,
  ],
};
