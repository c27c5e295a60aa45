// Configuration inside containers, exec and logs, end to end as a learner types them, against golden
// transcripts (manual clock). Each scenario also runs twice to prove determinism.
import { afterAll, describe, expect, it } from 'vitest';
import { Cluster } from './harness';

const F = 'test/e2e/fixtures';
const TLS = 'test/unit/fixtures/tls';

async function scenario(run: (c: Cluster) => Promise<void>): Promise<string> {
  const c = new Cluster();
  try {
    await run(c);
    return c.transcript();
  } finally {
    c.cleanup();
  }
}

const webappMongo = async (c: Cluster) => {
  await c.sh('apply -f fixtures/webapp-mongo.yaml');
  await c.sh('clock advance 30s');
  await c.sh('get pods');
  await c.sh('exec deploy/mongo-express -- env');
  await c.sh('exec deploy/mongo-express -- printenv ME_CONFIG_MONGODB_SERVER ME_CONFIG_MONGODB_ADMINUSERNAME ME_CONFIG_MONGODB_ADMINPASSWORD');
  await c.sh(`exec deploy/mongodb -- sh -c 'echo "root user: $MONGO_INITDB_ROOT_USERNAME"'`);
  await c.sh('logs deploy/mongo-express');
  await c.sh('describe pod -l app=mongo-express');
};

const missingConfig = async (c: Cluster) => {
  await c.sh(`apply -f ${F}/app-missing-config.yaml`);
  await c.sh('clock advance 5s');
  await c.sh('get pods');
  await c.sh('logs api');
  await c.sh('clock advance 30s');
  await c.sh('describe pod api');
  await c.sh('create configmap api-config --from-literal=db_host=postgres.default.svc --from-literal=log_level=debug --from-literal=feature.flag=on');
  await c.sh('clock advance 15s');
  await c.sh('get pods');
  await c.sh('get events --field-selector involvedObject.name=api');
  await c.sh('create secret generic api-secret --from-literal=username=app --from-literal=password=s3cr3t');
  await c.sh('clock advance 15s');
  await c.sh('get pods');
  await c.sh('exec api -- env');
  await c.sh('logs api');
  await c.sh('clock advance 2m');
  await c.sh('logs api --tail=3 --timestamps');
  await c.sh('logs api --since=1m');
};

const configVolume = async (c: Cluster) => {
  await c.sh(`apply -f ${F}/config-volume.yaml`);
  await c.sh('clock advance 10s');
  await c.sh('get pods');
  await c.sh('describe pod web');
  await c.sh(`create configmap site --from-literal=index.html='<h1>Hello from a ConfigMap</h1>' --from-literal=extra.conf='gzip on;'`);
  await c.sh('create secret generic web-creds --from-literal=api-key=abc123');
  await c.sh('clock advance 20s');
  await c.sh('get pods');
  await c.sh('get events --field-selector involvedObject.name=web');
  await c.sh('exec web -- ls -la /usr/share/nginx/html');
  await c.sh('exec web -- cat /usr/share/nginx/html/index.html');
  await c.sh('exec web -- ls -l /etc/nginx/conf.d');
  await c.sh('exec web -- cat /etc/nginx/conf.d/extra.conf');
  await c.sh('exec web -- ls -l /etc/creds/..data/');
  await c.sh('exec web -- cat /etc/creds/api-key');
  await c.sh('exec web -- sh -c "cat /etc/podinfo/labels; echo; cat /etc/podinfo/annotations; echo; cat /etc/podinfo/mem_request"');
  await c.sh(`exec web -- sh -c 'echo hacked > /usr/share/nginx/html/index.html'`);
  await c.sh('exec web -- cat /etc/hostname /etc/hosts /etc/resolv.conf');
  await c.sh('exec web -- ls /var/run/secrets/kubernetes.io/serviceaccount');
  await c.sh('exec web -- cat /var/run/secrets/kubernetes.io/serviceaccount/namespace');
};

const scratch = async (c: Cluster) => {
  await c.sh(`apply -f ${F}/scratch.yaml`);
  await c.sh('clock advance 10s');
  await c.sh('get pods');
  await c.sh(`exec deploy/worker -- sh -c 'echo remember me > /scratch/note; echo and me > /tmp/note; ls /scratch /tmp'`);
  await c.sh('clock advance 60s');
  await c.sh('get pods');
  await c.sh('logs deploy/worker --previous');
  await c.sh('exec deploy/worker -- cat /scratch/note /tmp/note');
  await c.sh('delete pod -l app=worker');
  await c.sh('clock advance 10s');
  await c.sh('get pods');
  await c.sh('exec deploy/worker -- ls -A /scratch');
  await c.sh(`apply -f ${F}/pvc-pod.yaml`);
  await c.sh('clock advance 10s');
  await c.sh(`exec db -- sh -c 'echo persistent > /data/dump.rdb; ls -l /data'`);
  await c.sh('delete pod db');
  await c.sh(`apply -f ${F}/pvc-pod.yaml`);
  await c.sh('clock advance 10s');
  await c.sh('exec db -- cat /data/dump.rdb');
  await c.sh('exec db -- pwd');
};

const logs = async (c: Cluster) => {
  await c.sh('run nginx --image=nginx:1.27');
  await c.sh('clock advance 10s');
  await c.sh('logs nginx');
  await c.sh(`apply -f ${F}/multi.yaml`);
  await c.sh('logs multi');
  await c.sh('clock advance 5s');
  await c.sh('get pods multi');
  await c.sh('logs multi');
  await c.sh('logs multi -c setup');
  await c.sh('logs multi -c ticker');
  await c.sh('clock advance 45s');
  await c.sh('logs multi ticker');
  await c.sh('logs multi -c ticker --tail=2 --prefix');
  await c.sh('logs multi --all-containers --prefix');
  await c.sh('logs multi -c ticker --previous');
  await c.sh('logs multi -c nope');
  await c.sh('run crash --image=busybox:1.36 -- sh -c "echo starting up; sleep 2; echo fatal: cannot open database >&2; exit 1"');
  await c.sh('clock advance 5s');
  await c.sh('get pod crash');
  await c.sh('logs crash');
  await c.sh('logs crash --previous');
  await c.sh('clock advance 20s');
  await c.sh('get pod crash');
  await c.sh('logs crash -p --timestamps');
  await c.sh('create deployment hello --image=hello-world --replicas=2');
  await c.sh('clock advance 10s');
  await c.sh('logs deploy/hello --tail=4');
  await c.sh('logs -l app=hello --prefix --tail=2');
  await c.sh('logs');
  await c.sh('logs nginx extra -c other');
  await c.sh('logs missing');
  await c.sh(`apply -f ${F}/unschedulable.yaml`);
  await c.sh('run pulling --image=nginx:1.99');
  await c.sh('clock advance 3s');
  await c.sh('logs pulling');
  await c.sh('get pod pending');
  await c.sh('logs pending');
  await c.sh('exec pending -- ls');
};

const secrets = async (c: Cluster) => {
  await c.sh(`create secret tls web-tls --cert=${TLS}/rsa.crt --key=${TLS}/rsa.key`);
  await c.sh(`create secret tls bad-tls --cert=${TLS}/rsa.crt --key=${TLS}/other.key`);
  await c.sh(`create secret tls bad-tls --cert=${TLS}/rsa.crt`);
  await c.sh('create secret docker-registry regcred --docker-server=registry.example.com --docker-username=ci --docker-password=t0ken --docker-email=ci@example.com');
  await c.sh('create secret docker-registry regcred2 --docker-username=ci');
  await c.sh('create secret docker-registry regcred --docker-username=ci --docker-password=x --dry-run=client -o yaml');
  await c.sh('create secret generic app --from-literal=user=admin --type=kubernetes.io/basic-auth');
  await c.sh('create secret generic noauth --from-literal=x=y --type=kubernetes.io/basic-auth');
  await c.sh('create secret generic ssh --from-literal=ssh-publickey=x --type=kubernetes.io/ssh-auth');
  await c.sh('create configmap settings --from-literal=mode=prod --append-hash');
  await c.sh(`create secret generic robot --type=kubernetes.io/service-account-token`);
  await c.sh(`apply -f ${F}/sa-token.yaml`);
  await c.sh('get secrets');
  await c.sh('describe secret web-tls');
  await c.sh('describe secret build-robot');
  await c.sh("get secret regcred -o jsonpath={.data.\\.dockerconfigjson}");
};

const execErrors = async (c: Cluster) => {
  await c.sh('run web --image=nginx:1.27');
  await c.sh('exec web -- ls');
  await c.sh('clock advance 10s');
  await c.sh('exec web -- ps aux');
  await c.sh('exec web -- /bin/zsh');
  await c.sh('exec web -c sidecar -- ls');
  await c.sh('exec web date');
  await c.sh('exec web');
  await c.sh('exec -- date');
  await c.sh('exec missing -- date');
  await c.sh(`exec web -- sh -c 'exit 3'`);
  await c.sh(`exec web -- bash -c 'cd /nope'`);
  await c.sh('exec web -- false');
  await c.sh('exec web -- grep -c worker /etc/nginx/nginx.conf');
  await c.sh('exec -it web -- ls /');
  await c.sh('run once --image=busybox:1.36 --restart=Never -- echo done');
  await c.sh('clock advance 5s');
  await c.sh('exec once -- ls');
  await c.sh('exec -n kube-system deploy/coredns -- sh');
  await c.sh('exec -i web -- sh', { input: 'echo from stdin; hostname\n' });
  await c.sh('exec web -- which curl wget sh');
};

const execNetwork = async (c: Cluster) => {
  await c.sh('create deployment web --image=nginx:1.27 --replicas=2');
  await c.sh('expose deployment web --port=80');
  await c.sh('run client --image=busybox:1.36 -- sleep 3600');
  await c.sh('clock advance 20s');
  await c.sh('exec client -- wget -qO- http://web');
  await c.sh('exec client -- wget http://web.default.svc.cluster.local/');
  await c.sh('exec client -- ls -l index.html');
  await c.sh('exec client -- wget -qO- http://nope');
  await c.sh('exec client -- curl http://web');
  await c.sh('exec deploy/web -- curl -s http://web/ -o /dev/null -w "%{http_code}\\n"');
  await c.sh('exec deploy/web -- curl -sI http://web/');
  await c.sh('exec deploy/web -- curl http://web/nope.html');
  await c.sh('exec deploy/web -- curl -sSf http://web/nope.html');
  await c.sh('exec deploy/web -- curl -sS http://nope');
  await c.sh('logs -l app=web --prefix --tail=2');
};

describe('configuration, exec and logs (golden transcripts)', () => {
  const cases: [string, (c: Cluster) => Promise<void>][] = [
    ['webapp-mongo', webappMongo],
    ['missing-configmap', missingConfig],
    ['config-volume', configVolume],
    ['emptydir-and-pvc', scratch],
    ['logs', logs],
    ['secrets', secrets],
    ['exec-errors', execErrors],
    ['exec-network', execNetwork],
  ];
  for (const [name, fn] of cases) {
    it(name, async () => {
      const t = await scenario(fn);
      await expect(t).toMatchFileSnapshot(`__snapshots__/${name}.txt`);
      expect(await scenario(fn)).toBe(t);
    });
  }
  afterAll(() => undefined);
});
