// Command specs of the networking verbs: `expose`, `create service …`, `create ingress` (kubectl's
// flags, help and defaults) and kubesim's own `curl`. Registered in src/cli/commands.ts.
import type { CommandSpec, RunContext } from './spec';
import { dryRunFlag, fieldManagerFlag, filenameFlags, outputFlag, recordFlag, saveConfigFlag, templateFlags, validateFlag } from './flags';

type Runner = (args: string[], flags: Record<string, unknown>, ctx: RunContext) => Promise<number | void> | number | void;

function lazy<M>(load: () => Promise<M>, pick: (m: M) => Runner): Runner {
  return async (args, flags, ctx) => pick(await load())(args, flags, ctx);
}

const tcpFlag = { name: 'tcp', type: 'strings' as const, default: '[]', desc: "Port pairs can be specified as '<port>:<targetPort>'." };

const serviceSub = (type: string, name: string, usage: string, long: string, examples: string, extra: CommandSpec['flags'] = []): CommandSpec => ({
  name,
  short: `Create a${type === 'ExternalName' ? 'n' : ''} ${type} service`,
  long,
  examples,
  usage,
  flags: [dryRunFlag, fieldManagerFlag('kubectl-create'), outputFlag(), saveConfigFlag, ...(extra ?? []), validateFlag, ...templateFlags],
  run: lazy(() => import('./commands/create-net'), (m) => (args, flags, ctx) => m.runCreateService(type, args, flags, ctx)),
});

export const createServiceCmd: CommandSpec = {
  name: 'service',
  aliases: ['svc'],
  short: 'Create a service using a specified subcommand',
  long: 'Create a service using a specified subcommand.',
  usage: 'create service [flags] [options]',
  subcommands: [
    serviceSub(
      'ClusterIP',
      'clusterip',
      'create service clusterip NAME [--tcp=<port>:<targetPort>] [--dry-run=server|client|none] [options]',
      'Create a ClusterIP service with the specified name.',
      `  # Create a new ClusterIP service named my-cs
  kubesim create service clusterip my-cs --tcp=5678:8080
  
  # Create a new ClusterIP service named my-cs (in headless mode)
  kubesim create service clusterip my-cs --clusterip="None"`,
      [{ name: 'clusterip', type: 'string', default: "''", desc: "Assign your own ClusterIP or set to 'None' for a 'headless' service (no loadbalancing)." }, tcpFlag],
    ),
    serviceSub(
      'ExternalName',
      'externalname',
      'create service externalname NAME --external-name external.name [--dry-run=server|client|none] [options]',
      'Create an ExternalName service with the specified name.\n\n ExternalName service references to an external DNS address instead of only pods, which will allow application authors to reference services that exist off platform, on other clusters, or locally.',
      `  # Create a new ExternalName service named my-ns
  kubesim create service externalname my-ns --external-name bar.com`,
      [{ name: 'external-name', type: 'string', default: "''", desc: 'External name of service' }, tcpFlag],
    ),
    serviceSub(
      'LoadBalancer',
      'loadbalancer',
      'create service loadbalancer NAME [--tcp=port:targetPort] [--dry-run=server|client|none] [options]',
      'Create a LoadBalancer service with the specified name.',
      `  # Create a new LoadBalancer service named my-lbs
  kubesim create service loadbalancer my-lbs --tcp=5678:8080`,
      [tcpFlag],
    ),
    serviceSub(
      'NodePort',
      'nodeport',
      'create service nodeport NAME [--tcp=port:targetPort] [--dry-run=server|client|none] [options]',
      'Create a NodePort service with the specified name.',
      `  # Create a new NodePort service named my-ns
  kubesim create service nodeport my-ns --tcp=5678:8080`,
      [{ name: 'node-port', type: 'int', default: 0, desc: 'Port used to expose the service on each node in a cluster.' }, tcpFlag],
    ),
  ],
};

export const createIngressCmd: CommandSpec = {
  name: 'ingress',
  aliases: ['ing'],
  short: 'Create an ingress with the specified name',
  long: 'Create an ingress with the specified name.',
  examples: `  # Create a single ingress called 'simple' that directs requests to foo.com/bar to svc
  # svc1:8080 with a TLS secret "my-cert"
  kubesim create ingress simple --rule="foo.com/bar=svc1:8080,tls=my-cert"
  
  # Create a catch all ingress of "/path" pointing to service svc:port and Ingress Class as "otheringress"
  kubesim create ingress catch-all --class=otheringress --rule="/path=svc:port"
  
  # Create an ingress with two annotations: ingress.annotation1 and ingress.annotations2
  kubesim create ingress annotated --class=default --rule="foo.com/bar=svc:port" \\
  --annotation ingress.annotation1=foo \\
  --annotation ingress.annotation2=bla
  
  # Create an ingress with the same host and multiple paths
  kubesim create ingress multipath --class=default \\
  --rule="foo.com/=svc:port" \\
  --rule="foo.com/admin/=svcadmin:portadmin"
  
  # Create an ingress with multiple hosts and the pathType as Prefix
  kubesim create ingress ingress1 --class=default \\
  --rule="foo.com/path*=svc:8080" \\
  --rule="bar.com/admin*=svc2:http"
  
  # Create an ingress with TLS enabled using the default ingress certificate and different path types
  kubesim create ingress ingtls --class=default \\
  --rule="foo.com/=svc:https,tls" \\
  --rule="foo.com/path/subpath*=othersvc:8080"
  
  # Create an ingress with TLS enabled using a specific secret and pathType as Prefix
  kubesim create ingress ingsecret --class=default \\
  --rule="foo.com/*=svc:8080,tls=secret1"
  
  # Create an ingress with a default backend
  kubesim create ingress ingdefault --class=default \\
  --default-backend=defaultsvc:http \\
  --rule="foo.com/*=svc:8080,tls=secret1"`,
  usage: 'create ingress NAME --rule=host/path=service:port[,tls[=secret]]  [options]',
  flags: [
    { name: 'annotation', type: 'strings', default: '[]', desc: 'Annotation to insert in the ingress object, in the format annotation=value' },
    { name: 'class', type: 'string', default: "''", desc: 'Ingress Class to be used' },
    { name: 'default-backend', type: 'string', default: "''", desc: 'Default service for backend, in format of svcname:port' },
    dryRunFlag,
    fieldManagerFlag('kubectl-create'),
    outputFlag(),
    { name: 'rule', type: 'strings', default: '[]', desc: "Rule in format host/path=service:port[,tls=secretname]. Paths containing the leading character '*' are considered pathType=Prefix. tls argument is optional." },
    saveConfigFlag,
    validateFlag,
    ...templateFlags,
  ],
  run: lazy(() => import('./commands/create-net'), (m) => m.runCreateIngress),
};

export const exposeCmd: CommandSpec = {
  name: 'expose',
  group: 'Basic Commands (Beginner)',
  short: 'Take a replication controller, service, deployment or pod and expose it as a new Kubernetes service',
  long: `Expose a resource as a new Kubernetes service.

 Looks up a deployment, service, replica set, replication controller or pod by name and uses the selector for that resource as the selector for a new service on the specified port. A deployment or replica set will be exposed as a service only if its selector is convertible to a selector that service supports, i.e. when the selector contains only the matchLabels component. Note that if no port is specified via --port and the exposed resource has multiple ports, all will be re-used by the new service. Also if no labels are specified, the new service will re-use the labels from the resource it exposes.

 Possible resources include (case insensitive):

 pod (po), service (svc), replicationcontroller (rc), deployment (deploy), replicaset (rs)`,
  examples: `  # Create a service for a replicated nginx, which serves on port 80 and connects to the containers on port 8000
  kubesim expose rc nginx --port=80 --target-port=8000
  
  # Create a service for a replication controller identified by type and name specified in "nginx-controller.yaml", which serves on port 80 and connects to the containers on port 8000
  kubesim expose -f nginx-controller.yaml --port=80 --target-port=8000
  
  # Create a service for a pod valid-pod, which serves on port 444 with the name "frontend"
  kubesim expose pod valid-pod --port=444 --name=frontend
  
  # Create a second service based on the above service, exposing the container port 8443 as port 443 with the name "nginx-https"
  kubesim expose service nginx --port=443 --target-port=8443 --name=nginx-https
  
  # Create a service for a replicated streaming application on port 4100 balancing UDP traffic and named 'video-stream'.
  kubesim expose rc streamer --port=4100 --protocol=UDP --name=video-stream
  
  # Create a service for a replicated nginx using replica set, which serves on port 80 and connects to the containers on port 8000
  kubesim expose rs nginx --port=80 --target-port=8000
  
  # Create a service for an nginx deployment, which serves on port 80 and connects to the containers on port 8000
  kubesim expose deployment nginx --port=80 --target-port=8000`,
  usage: 'expose (-f FILENAME | TYPE NAME) [--port=port] [--protocol=TCP|UDP|SCTP] [--target-port=number-or-name] [--name=name] [--external-ip=external-ip-of-service] [--type=type] [options]',
  flags: [
    { name: 'cluster-ip', type: 'string', default: "''", desc: "ClusterIP to be assigned to the service. Leave empty to auto-allocate, or set to 'None' to create a headless service." },
    dryRunFlag,
    { name: 'external-ip', type: 'string', default: "''", desc: 'Additional external IP address (not managed by Kubernetes) to accept for the service. If this IP is routed to a node, the service can be accessed by this IP in addition to its generated service IP.' },
    fieldManagerFlag('kubectl-expose'),
    ...filenameFlags('identifying the resource to expose a service'),
    { name: 'labels', short: 'l', type: 'string', default: "''", desc: 'Labels to apply to the service created by this call.' },
    { name: 'load-balancer-ip', type: 'string', default: "''", desc: 'IP to assign to the LoadBalancer. If empty, an ephemeral IP will be created and used (cloud-provider specific).' },
    { name: 'name', type: 'string', default: "''", desc: 'The name for the newly created object.' },
    outputFlag(),
    { name: 'override-type', type: 'string', default: "'merge'", desc: 'The method used to override the generated object: json, merge, or strategic.' },
    { name: 'overrides', type: 'string', default: "''", desc: 'An inline JSON override for the generated object. If this is non-empty, it is used to override the generated object. Requires that the object supply a valid apiVersion field.' },
    { name: 'port', type: 'string', default: "''", desc: 'The port that the service should serve on. Copied from the resource being exposed, if unspecified' },
    { name: 'protocol', type: 'string', default: "''", desc: "The network protocol for the service to be created. Default is 'TCP'." },
    saveConfigFlag,
    { name: 'selector', type: 'string', default: "''", desc: 'A label selector to use for this service. Only equality-based selector requirements are supported. If empty (the default) infer the selector from the replication controller or replica set.)' },
    { name: 'session-affinity', type: 'string', default: "''", desc: "If non-empty, set the session affinity for the service to this; legal values: 'None', 'ClientIP'" },
    { name: 'target-port', type: 'string', default: "''", desc: 'Name or number for the port on the container that the service should direct traffic to. Optional.' },
    { name: 'type', type: 'string', default: "''", desc: "Type for this service: ClusterIP, NodePort, LoadBalancer, or ExternalName. Default is 'ClusterIP'." },
    recordFlag,
    ...templateFlags,
  ],
  run: lazy(() => import('./commands/expose'), (m) => m.runExpose),
};

export const curlCmd: CommandSpec = {
  name: 'curl',
  group: 'Simulation Commands (kubesim)',
  short: 'Send simulated HTTP requests through the cluster and see which pod answers',
  long: `Send simulated HTTP requests through the cluster's own objects, the way curl would send real ones, and see which pod and node answered.

 The request follows the cluster's objects: a ClusterIP or a cluster DNS name reaches a Service and kube-proxy picks one of its ready endpoints (at random, or the same one again with sessionAffinity ClientIP); a node address with a NodePort, a load-balancer address, or an Ingress host and path get in from outside. The program in the pod answers as that image would (nginx's welcome page, "You've hit kubia-…", echoserver's echo…) and logs the request, so "kubesim logs" shows it. Failures read like curl's: could not resolve host (6), connection refused when no endpoint is ready (7), timeouts when packets are dropped (28), and 4xx/5xx answers exit 22 after the body is printed (as with curl --fail-with-body).

 Without --from the request comes from outside the cluster, from the machine the nodes run on (172.18.0.1 on their network, as with kind): node addresses, load-balancer addresses and Ingress hosts (as if listed in /etc/hosts) are reachable; ClusterIPs, pod IPs and cluster DNS names are not. With --from POD it comes from inside that pod, with its address and its DNS search path; with --from node/NAME from that node.

 The target is a URL (http://nginx/, https://10.96.0.1/version, kubia.example.com/path) or svc/NAME[:PORT][/PATH] for the address a client would use to reach that service from where the request starts.`,
  examples: `  # From inside a pod: the service name resolves through the cluster DNS
  kubesim curl http://nginx --from client
  
  # Nine requests, to see how they are spread over the service's pods
  kubesim curl nginx --from client --count 9
  
  # From outside: a NodePort on a node address, a load balancer, an Ingress host
  kubesim curl http://172.18.0.3:30080
  kubesim curl svc/web-lb
  kubesim curl http://foo.example.com/bar
  
  # Another client address, to see session affinity at work
  kubesim curl svc/web-lb --client-ip 172.18.0.77 --count 3`,
  usage: 'curl URL|svc/NAME[:PORT][/PATH] [--from POD|node/NAME] [--count N] [--client-ip IP] [options]',
  flags: [
    { name: 'client-ip', type: 'string', default: "''", desc: 'Source address of a client outside the cluster (default 172.18.0.1, the host the nodes run on).' },
    { name: 'count', type: 'int', default: 1, desc: 'Number of requests to send, one after another; more than one prints one line per request and a summary.' },
    { name: 'data', short: 'd', type: 'string', default: "''", desc: 'Send this request body (the request becomes a POST unless --request says otherwise).' },
    { name: 'fail-with-body', type: 'bool', default: true, desc: 'Exit 22 with curl\'s "The requested URL returned error" after printing the body of a 4xx/5xx answer; false behaves like plain curl.' },
    { name: 'from', type: 'string', default: "''", desc: 'Send from inside this pod (POD or pod/NAME in the namespace) or node (node/NAME).' },
    { name: 'header', short: 'H', type: 'strings', default: '[]', desc: "Extra request header, e.g. -H 'Host: foo.example.com'. May be repeated." },
    { name: 'include', short: 'i', type: 'bool', default: false, desc: 'Print the response status line and headers before the body.' },
    { name: 'insecure', short: 'k', type: 'bool', default: false, desc: 'Accept any server certificate (https).' },
    { name: 'location', short: 'L', type: 'bool', default: false, desc: 'Follow redirects.' },
    { name: 'request', short: 'X', type: 'string', default: "''", desc: 'Request method (default GET, or POST with --data).' },
    { name: 'silent', short: 's', type: 'bool', default: false, desc: 'Print only what curl would print: no "*" line describing the route.' },
  ],
  run: lazy(() => import('./commands/curl'), (m) => m.runCurl),
};
