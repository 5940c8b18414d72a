"use client";
// The deploy wizard: image → ports & exposure → env & config → resources & probes
// → storage → review. The server checks every step against the AppSpec it deploys
// (`checkOnly`: the same validation, in the person's language, without the validator's
// ~40 KB of code in this page); the review step shows the exact YAML and a server-side
// dry-run diff.
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useRef, useState } from "react";
import type { AppSpecInput } from "@/lib/domain/app-spec";
import { api, ApiError } from "../api";
import { buttonCls, Field, inputCls, secondaryCls, useAction } from "../ui/form";
import { DiffView, type DiffEntry } from "./diff-view";

const STEPS = ["image", "ports", "env", "resources", "storage", "review"] as const;
type Step = (typeof STEPS)[number];
/** Which spec fields each step owns, to show only that step's errors. */
const STEP_FIELDS: Record<Step, string[]> = {
  image: ["name", "image", "replicas", "command", "args", "imagePullSecrets"],
  ports: ["ports", "exposure"],
  env: ["env"],
  resources: ["resources", "probes", "autoscale"],
  storage: ["volumes"],
  review: [],
};

type ProbeKind = "none" | "http" | "tcp" | "exec";
interface ProbeState { type: ProbeKind; path: string; port: string; command: string }
interface EnvRow { from: "value" | "configMap" | "secret"; name: string; value: string; source: string; key: string }
interface VolumeRow { type: "pvc" | "configFiles"; name: string; mountPath: string; size: string; storageClass: string; perReplica: boolean; fileName: string; fileContent: string }

interface State {
  name: string; image: string; replicas: string; command: string; args: string;
  /** Pull Secrets, comma-separated (a registry's Secret is registry-<name>). */
  pullSecrets: string;
  ports: string[];
  exposure: { type: "none" | "clusterIP" | "nodePort" | "ingress"; port: string; nodePort: string; host: string; path: string };
  env: EnvRow[];
  resources: { cpuRequest: string; cpuLimit: string; memoryRequest: string; memoryLimit: string };
  readiness: ProbeState; liveness: ProbeState;
  autoscale: { on: boolean; min: string; max: string; cpuPercent: string };
  volumes: VolumeRow[];
}

const noProbe: ProbeState = { type: "none", path: "/", port: "", command: "" };
const initialState: State = {
  name: "", image: "", replicas: "1", command: "", args: "", pullSecrets: "",
  ports: ["80"],
  exposure: { type: "clusterIP", port: "80", nodePort: "", host: "", path: "/" },
  env: [],
  resources: { cpuRequest: "", cpuLimit: "", memoryRequest: "", memoryLimit: "" },
  readiness: noProbe, liveness: noProbe,
  autoscale: { on: false, min: "1", max: "3", cpuPercent: "80" },
  volumes: [],
};

const num = (s: string) => (s.trim() === "" ? Number.NaN : Number(s));
const lines = (s: string) => s.split("\n").map((l) => l.trim()).filter(Boolean);
const opt = (s: string) => (s.trim() ? s.trim() : undefined);

function toProbe(p: ProbeState) {
  if (p.type === "none") return undefined;
  if (p.type === "http") return { type: "http" as const, path: p.path, port: num(p.port) };
  if (p.type === "tcp") return { type: "tcp" as const, port: num(p.port) };
  return { type: "exec" as const, command: lines(p.command) };
}

function toSpec(s: State): AppSpecInput {
  const ex = s.exposure;
  return {
    name: s.name.trim(),
    image: s.image.trim(),
    replicas: num(s.replicas),
    ...(lines(s.command).length ? { command: lines(s.command) } : {}),
    ...(lines(s.args).length ? { args: lines(s.args) } : {}),
    ...(s.pullSecrets.trim() ? { imagePullSecrets: s.pullSecrets.split(",").map((x) => x.trim()).filter(Boolean) } : {}),
    ports: s.ports.filter((p) => p.trim()).map((p) => ({ containerPort: num(p) })),
    exposure:
      ex.type === "none" ? { type: "none" }
      : ex.type === "clusterIP" ? { type: "clusterIP", port: num(ex.port) }
      : ex.type === "nodePort" ? { type: "nodePort", port: num(ex.port), ...(ex.nodePort ? { nodePort: num(ex.nodePort) } : {}) }
      : { type: "ingress", port: num(ex.port), host: ex.host.trim(), path: ex.path || "/" },
    env: s.env.map((e) => (e.from === "value" ? { from: "value", name: e.name, value: e.value } : e.from === "configMap" ? { from: "configMap", name: e.name, configMap: e.source, key: e.key } : { from: "secret", name: e.name, secret: e.source, key: e.key })),
    resources: { cpuRequest: opt(s.resources.cpuRequest), cpuLimit: opt(s.resources.cpuLimit), memoryRequest: opt(s.resources.memoryRequest), memoryLimit: opt(s.resources.memoryLimit) },
    probes: { readiness: toProbe(s.readiness), liveness: toProbe(s.liveness) },
    ...(s.autoscale.on ? { autoscale: { min: num(s.autoscale.min), max: num(s.autoscale.max), cpuPercent: num(s.autoscale.cpuPercent) } } : {}),
    volumes: s.volumes.map((v) =>
      v.type === "pvc"
        ? { type: "pvc", name: v.name, mountPath: v.mountPath, size: v.size, perReplica: v.perReplica, ...(v.storageClass ? { storageClass: v.storageClass } : {}) }
        : { type: "configFiles", name: v.name, mountPath: v.mountPath, files: { [v.fileName]: v.fileContent } },
    ),
  };
}

/** The form state for an existing app's spec (editing). */
function fromSpec(spec: AppSpecInput): State {
  const probe = (p: NonNullable<AppSpecInput["probes"]>["readiness"]): ProbeState =>
    !p ? noProbe : { type: p.type, path: p.path ?? "/", port: p.port ? String(p.port) : "", command: (p.command ?? []).join("\n") };
  const ex = spec.exposure ?? { type: "none" };
  return {
    name: spec.name,
    image: spec.image,
    replicas: String(spec.replicas),
    command: (spec.command ?? []).join("\n"),
    args: (spec.args ?? []).join("\n"),
    pullSecrets: (spec.imagePullSecrets ?? []).join(", "),
    ports: (spec.ports ?? []).map((p) => String(p.containerPort)),
    exposure: {
      type: ex.type,
      port: "port" in ex ? String(ex.port) : "",
      nodePort: ex.type === "nodePort" && ex.nodePort ? String(ex.nodePort) : "",
      host: ex.type === "ingress" ? ex.host : "",
      path: ex.type === "ingress" ? (ex.path ?? "/") : "/",
    },
    env: (spec.env ?? []).map((e) =>
      e.from === "value" ? { from: "value", name: e.name, value: e.value, source: "", key: "" } : e.from === "configMap" ? { from: "configMap", name: e.name, value: "", source: e.configMap, key: e.key } : { from: "secret", name: e.name, value: "", source: e.secret, key: e.key },
    ),
    resources: { cpuRequest: spec.resources?.cpuRequest ?? "", cpuLimit: spec.resources?.cpuLimit ?? "", memoryRequest: spec.resources?.memoryRequest ?? "", memoryLimit: spec.resources?.memoryLimit ?? "" },
    readiness: probe(spec.probes?.readiness),
    liveness: probe(spec.probes?.liveness),
    autoscale: spec.autoscale ? { on: true, min: String(spec.autoscale.min), max: String(spec.autoscale.max), cpuPercent: String(spec.autoscale.cpuPercent ?? 80) } : initialState.autoscale,
    volumes: (spec.volumes ?? []).map((v) =>
      v.type === "pvc"
        ? { type: "pvc", name: v.name, mountPath: v.mountPath, size: v.size, storageClass: v.storageClass ?? "", perReplica: v.perReplica ?? false, fileName: "", fileContent: "" }
        : { type: "configFiles", name: v.name, mountPath: v.mountPath, size: "", storageClass: "", perReplica: false, fileName: Object.keys(v.files)[0] ?? "", fileContent: Object.values(v.files)[0] ?? "" },
    ),
  };
}

/** Values a page hands over (a finished build: its image by digest, the registry's pull Secret, its port). */
export interface Prefill {
  name?: string;
  image?: string;
  pullSecret?: string;
  port?: string;
}

function prefilled(base: State, p: Prefill | undefined): State {
  if (!p) return base;
  const port = p.port && /^\d+$/.test(p.port) ? p.port : undefined;
  const secrets = base.pullSecrets.split(",").map((x) => x.trim()).filter(Boolean);
  if (p.pullSecret && !secrets.includes(p.pullSecret)) secrets.push(p.pullSecret);
  return {
    ...base,
    ...(p.name && !base.name ? { name: p.name } : {}),
    ...(p.image ? { image: p.image } : {}),
    pullSecrets: secrets.join(", "),
    ...(port && !base.ports.includes(port) ? { ports: [port], exposure: { ...base.exposure, port } } : {}),
  };
}

export function DeployWizard({ namespace, editing, prefill, pullSecretOptions = [] }: { namespace: string; editing?: { spec: AppSpecInput; generation?: number }; prefill?: Prefill; pullSecretOptions?: string[] }) {
  const t = useTranslations("wizard");
  const router = useRouter();
  const [step, setStep] = useState<Step>("image");
  const [s, setS] = useState<State>(() => prefilled(editing ? fromSpec(editing.spec) : initialState, prefill));
  const [shown, setShown] = useState<Set<Step>>(new Set());
  const [review, setReview] = useState<{ yaml: string; diffs: DiffEntry[] } | null>(null);
  const action = useAction();
  const spec = useMemo(() => toSpec(s), [s]);
  /** The server's messages for the spec last checked, by field path (name, ports.0, env.1.key…). */
  const [errors, setErrors] = useState<Record<string, string>>({});
  const checked = useRef(0);

  const appsUrl = `/api/namespaces/${namespace}/apps`;
  /** The spec's problems as the server finds them ({} when it would deploy); newer checks win. */
  async function check(x: AppSpecInput): Promise<Record<string, string>> {
    const seq = ++checked.current;
    let found: Record<string, string> = {};
    try {
      await api("POST", appsUrl, { spec: x, checkOnly: true });
    } catch (e) {
      if (!(e instanceof ApiError && e.code === "bad_request" && e.fields)) throw e;
      found = Object.fromEntries(Object.entries(e.fields).map(([k, v]) => [k.replace(/^spec\./, ""), v]));
    }
    if (seq === checked.current) setErrors(found);
    return found;
  }

  // Once a step's errors are shown, they follow the person's typing (a pause of 300 ms). Only a
  // change of the spec asks again: Next has just checked the spec it shows a new step's errors for.
  useEffect(() => {
    if (!shown.size) return;
    const timer = setTimeout(() => void check(spec).catch(() => undefined), 300);
    return () => clearTimeout(timer);
  }, [spec]); // eslint-disable-line react-hooks/exhaustive-deps -- shown is read when the spec changes; check() reads only the namespace

  const stepErrors = (found: Record<string, string>, st: Step) => Object.keys(found).filter((k) => STEP_FIELDS[st].some((f) => k === f || k.startsWith(`${f}.`)));
  const err = (path: string) => {
    const st = STEPS.find((x) => STEP_FIELDS[x].some((f) => path === f || path.startsWith(`${f}.`)));
    if (!st || !shown.has(st)) return undefined;
    return errors[path] ?? Object.entries(errors).find(([k]) => k.startsWith(`${path}.`))?.[1];
  };
  const set = (patch: Partial<State>) => { setS((x) => ({ ...x, ...patch })); setReview(null); };

  async function next() {
    const found = await action.run(() => check(spec));
    if (!found) return;
    setShown((x) => new Set(x).add(step));
    if (stepErrors(found, step).length) return;
    const i = STEPS.indexOf(step);
    const to = STEPS[i + 1];
    if (to === "review") {
      if (Object.keys(found).length) {
        setShown(new Set(STEPS));
        action.setError(t("fixErrors"));
        return;
      }
      const r = await action.run(() => api<{ yaml: string; diffs: DiffEntry[] }>("POST", appsUrl, { spec, dryRun: true, generation: editing?.generation }));
      if (!r) return;
      setReview(r);
    }
    setStep(to);
  }

  async function deploy() {
    const r = await action.run(() => api("POST", appsUrl, { spec, generation: editing?.generation }));
    if (r) router.push(`/apps/${namespace}/${spec.name}`);
  }

  const probeEditor = (which: "readiness" | "liveness") => {
    const p = s[which];
    const upd = (patch: Partial<ProbeState>) => set({ [which]: { ...p, ...patch } } as Partial<State>);
    return (
      <fieldset className="rounded-md border border-slate-200 p-3">
        <legend className="px-1 text-sm font-medium">{t(which)}</legend>
        <select aria-label={t(which)} className="rounded-md border border-slate-300 px-2 py-1 text-sm" value={p.type} onChange={(e) => upd({ type: e.target.value as ProbeKind, port: p.port || s.ports[0] || "" })}>
          {(["none", "http", "tcp", "exec"] as const).map((k) => <option key={k} value={k}>{t(`probe_${k}`)}</option>)}
        </select>
        {p.type === "http" && <div className="mt-2 grid grid-cols-2 gap-2"><Field label={t("probePath")}><input className={inputCls} value={p.path} onChange={(e) => upd({ path: e.target.value })} /></Field><Field label={t("probePort")}><input className={inputCls} value={p.port} onChange={(e) => upd({ port: e.target.value })} /></Field></div>}
        {p.type === "tcp" && <div className="mt-2"><Field label={t("probePort")}><input className={inputCls} value={p.port} onChange={(e) => upd({ port: e.target.value })} /></Field></div>}
        {p.type === "exec" && <div className="mt-2"><Field label={t("probeCommand")}><textarea className={inputCls} value={p.command} onChange={(e) => upd({ command: e.target.value })} /></Field></div>}
        {err(`probes.${which}`) && <p role="alert" className="mt-1 text-xs text-rose-700">{err(`probes.${which}`)}</p>}
      </fieldset>
    );
  };

  return (
    <div className="max-w-4xl">
      <ol className="mb-6 flex flex-wrap gap-2 text-sm" aria-label="steps">
        {STEPS.map((st, i) => (
          <li key={st} aria-current={st === step ? "step" : undefined} className={`rounded-full px-3 py-1 ${st === step ? "bg-brand-600 text-white" : i < STEPS.indexOf(step) ? "bg-brand-100 text-brand-700" : "bg-slate-100 text-slate-700"}`}>
            {i + 1}. {t(`steps.${st}`)}
          </li>
        ))}
      </ol>

      <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        {step === "image" && (
          <div className="grid grid-cols-2 gap-4">
            <Field label={t("name")} hint={t("nameHint")} error={err("name")}><input className={inputCls} name="name" value={s.name} readOnly={!!editing} onChange={(e) => set({ name: e.target.value })} /></Field>
            <Field label={t("replicas")} error={err("replicas")}><input className={inputCls} name="replicas" type="number" min={0} value={s.replicas} onChange={(e) => set({ replicas: e.target.value })} /></Field>
            <div className="col-span-2"><Field label={t("image")} hint={t("imageHint")} error={err("image")}><input className={`${inputCls} font-mono`} name="image" value={s.image} onChange={(e) => set({ image: e.target.value })} /></Field></div>
            <div className="col-span-2"><Field label={t("pullSecrets")} hint={t("pullSecretsHint")} error={err("imagePullSecrets")}><input className={`${inputCls} font-mono`} name="pullSecrets" list="pull-secrets" value={s.pullSecrets} onChange={(e) => set({ pullSecrets: e.target.value })} /></Field><datalist id="pull-secrets">{pullSecretOptions.map((o) => <option key={o} value={o} />)}</datalist></div>
            <Field label={t("command")} error={err("command")}><textarea className={`${inputCls} font-mono text-xs`} value={s.command} onChange={(e) => set({ command: e.target.value })} /></Field>
            <Field label={t("args")} error={err("args")}><textarea className={`${inputCls} font-mono text-xs`} value={s.args} onChange={(e) => set({ args: e.target.value })} /></Field>
          </div>
        )}

        {step === "ports" && (
          <div className="space-y-4">
            <div>
              <p className="mb-2 text-sm font-medium">{t("ports")}</p>
              {s.ports.map((p, i) => (
                <div key={i} className="mb-2 flex items-start gap-2">
                  <div className="w-40"><Field label={`${t("port")} ${i + 1}`} error={err(`ports.${i}`)}><input className={inputCls} value={p} onChange={(e) => set({ ports: s.ports.map((x, j) => (j === i ? e.target.value : x)) })} /></Field></div>
                  <button type="button" className={`${secondaryCls} mt-6`} onClick={() => set({ ports: s.ports.filter((_, j) => j !== i) })}>{t("remove")}</button>
                </div>
              ))}
              <button type="button" className={secondaryCls} onClick={() => set({ ports: [...s.ports, ""] })}>{t("addPort")}</button>
            </div>
            <fieldset className="space-y-2">
              <legend className="text-sm font-medium">{t("exposure")}</legend>
              {(["none", "clusterIP", "nodePort", "ingress"] as const).map((k) => (
                <label key={k} className="flex items-center gap-2 text-sm"><input type="radio" name="exposure" checked={s.exposure.type === k} onChange={() => set({ exposure: { ...s.exposure, type: k } })} />{t(`exposure_${k}`)}</label>
              ))}
              {s.exposure.type !== "none" && (
                <div className="grid grid-cols-3 gap-3 pt-2">
                  <Field label={t("servicePort")} error={err("exposure.port")}><input className={inputCls} value={s.exposure.port} onChange={(e) => set({ exposure: { ...s.exposure, port: e.target.value } })} /></Field>
                  {s.exposure.type === "nodePort" && <Field label={t("nodePort")} error={err("exposure.nodePort")}><input className={inputCls} value={s.exposure.nodePort} onChange={(e) => set({ exposure: { ...s.exposure, nodePort: e.target.value } })} /></Field>}
                  {s.exposure.type === "ingress" && <>
                    <Field label={t("host")} error={err("exposure.host")}><input className={inputCls} value={s.exposure.host} onChange={(e) => set({ exposure: { ...s.exposure, host: e.target.value } })} /></Field>
                    <Field label={t("path")} error={err("exposure.path")}><input className={inputCls} value={s.exposure.path} onChange={(e) => set({ exposure: { ...s.exposure, path: e.target.value } })} /></Field>
                  </>}
                </div>
              )}
            </fieldset>
          </div>
        )}

        {step === "env" && (
          <div>
            <p className="mb-2 text-sm font-medium">{t("env")}</p>
            {s.env.map((e, i) => {
              const upd = (patch: Partial<EnvRow>) => set({ env: s.env.map((x, j) => (j === i ? { ...x, ...patch } : x)) });
              return (
                <div key={i} className="mb-2 grid grid-cols-[10rem_8rem_1fr_8rem_auto] items-start gap-2">
                  <Field label={t("envName")} error={err(`env.${i}.name`)}><input className={inputCls} value={e.name} onChange={(ev) => upd({ name: ev.target.value })} /></Field>
                  <Field label={t("envFrom")}><select className={inputCls} value={e.from} onChange={(ev) => upd({ from: ev.target.value as EnvRow["from"] })}>{(["value", "configMap", "secret"] as const).map((k) => <option key={k} value={k}>{t(`from_${k}`)}</option>)}</select></Field>
                  {e.from === "value"
                    ? <div className="col-span-2"><Field label={t("envValue")} error={err(`env.${i}.value`)}><input className={inputCls} value={e.value} onChange={(ev) => upd({ value: ev.target.value })} /></Field></div>
                    : <><Field label={t("source")} error={err(`env.${i}.${e.from}`)}><input className={inputCls} value={e.source} onChange={(ev) => upd({ source: ev.target.value })} /></Field><Field label={t("key")} error={err(`env.${i}.key`)}><input className={inputCls} value={e.key} onChange={(ev) => upd({ key: ev.target.value })} /></Field></>}
                  <button type="button" className={`${secondaryCls} mt-6`} onClick={() => set({ env: s.env.filter((_, j) => j !== i) })}>{t("remove")}</button>
                </div>
              );
            })}
            <button type="button" className={secondaryCls} onClick={() => set({ env: [...s.env, { from: "value", name: "", value: "", source: "", key: "" }] })}>{t("addEnv")}</button>
          </div>
        )}

        {step === "resources" && (
          <div className="space-y-4">
            <p className="text-sm text-slate-500">{t("resourcesHint")}</p>
            <div className="grid grid-cols-4 gap-3">
              {(["cpuRequest", "cpuLimit", "memoryRequest", "memoryLimit"] as const).map((k) => (
                <Field key={k} label={t(k)} error={err(`resources.${k}`)}><input className={inputCls} name={k} value={s.resources[k]} onChange={(e) => set({ resources: { ...s.resources, [k]: e.target.value } })} /></Field>
              ))}
            </div>
            <div className="grid grid-cols-2 gap-3">{probeEditor("readiness")}{probeEditor("liveness")}</div>
            <label className="flex items-center gap-2 text-sm"><input type="checkbox" checked={s.autoscale.on} onChange={(e) => set({ autoscale: { ...s.autoscale, on: e.target.checked } })} />{t("autoscale")}</label>
            {s.autoscale.on && (
              <div className="grid grid-cols-3 gap-3">
                {(["min", "max", "cpuPercent"] as const).map((k) => <Field key={k} label={t(k)} error={err(`autoscale.${k}`)}><input className={inputCls} value={s.autoscale[k]} onChange={(e) => set({ autoscale: { ...s.autoscale, [k]: e.target.value } })} /></Field>)}
              </div>
            )}
          </div>
        )}

        {step === "storage" && (
          <div>
            <p className="mb-2 text-sm font-medium">{t("volumes")}</p>
            {s.volumes.map((v, i) => {
              const upd = (patch: Partial<VolumeRow>) => set({ volumes: s.volumes.map((x, j) => (j === i ? { ...x, ...patch } : x)) });
              return (
                <div key={i} className="mb-3 grid grid-cols-3 gap-2 rounded-md border border-slate-200 p-3">
                  <Field label={t("volumeName")} error={err(`volumes.${i}.name`)}><input className={inputCls} value={v.name} onChange={(e) => upd({ name: e.target.value })} /></Field>
                  <Field label={t("mountPath")} error={err(`volumes.${i}.mountPath`)}><input className={inputCls} value={v.mountPath} onChange={(e) => upd({ mountPath: e.target.value })} /></Field>
                  <button type="button" className={`${secondaryCls} mt-6 justify-self-start`} onClick={() => set({ volumes: s.volumes.filter((_, j) => j !== i) })}>{t("remove")}</button>
                  {v.type === "pvc" ? <>
                    <Field label={t("size")} error={err(`volumes.${i}.size`)}><input className={inputCls} value={v.size} onChange={(e) => upd({ size: e.target.value })} /></Field>
                    <Field label={t("storageClass")} error={err(`volumes.${i}.storageClass`)}><input className={inputCls} value={v.storageClass} onChange={(e) => upd({ storageClass: e.target.value })} /></Field>
                    <label className="mt-6 flex items-center gap-2 text-sm" title={editing ? t("perReplicaLocked") : undefined}><input type="checkbox" checked={v.perReplica} disabled={!!editing} onChange={(e) => upd({ perReplica: e.target.checked })} />{t("perReplica")}</label>
                  </> : <>
                    <Field label={t("fileName")} error={err(`volumes.${i}.files`)}><input className={inputCls} value={v.fileName} onChange={(e) => upd({ fileName: e.target.value })} /></Field>
                    <div className="col-span-2"><Field label={t("fileContent")}><textarea className={`${inputCls} font-mono text-xs`} rows={4} value={v.fileContent} onChange={(e) => upd({ fileContent: e.target.value })} /></Field></div>
                  </>}
                </div>
              );
            })}
            <div className="flex gap-2">
              <button type="button" className={secondaryCls} onClick={() => set({ volumes: [...s.volumes, { type: "pvc", name: "data", mountPath: "/data", size: "1Gi", storageClass: "", perReplica: false, fileName: "", fileContent: "" }] })}>{t("addPvc")}</button>
              <button type="button" className={secondaryCls} onClick={() => set({ volumes: [...s.volumes, { type: "configFiles", name: "config", mountPath: "/etc/app", size: "", storageClass: "", perReplica: false, fileName: "app.conf", fileContent: "" }] })}>{t("addConfig")}</button>
            </div>
          </div>
        )}

        {step === "review" && review && (
          <div className="space-y-4">
            <div>
              <h3 className="mb-2 text-sm font-semibold">{t("reviewDiff")}</h3>
              <DiffView diffs={review.diffs} />
            </div>
            <details>
              <summary className="cursor-pointer text-sm font-semibold">{t("reviewYaml")}</summary>
              <pre className="mt-2 max-h-96 overflow-auto rounded-md bg-slate-900 p-3 font-mono text-xs text-slate-100" data-testid="review-yaml">{review.yaml}</pre>
            </details>
          </div>
        )}

        {action.error && <p role="alert" className="mt-4 rounded-md bg-rose-50 p-3 text-sm text-rose-800">{action.error}</p>}
        {action.pending && <p className="mt-4 text-sm text-slate-500" role="status">{step === "review" ? t("deploying") : t("checking")}</p>}

        <div className="mt-6 flex justify-between">
          <button type="button" className={secondaryCls} disabled={step === "image" || action.pending} onClick={() => setStep(STEPS[STEPS.indexOf(step) - 1])}>{t("back")}</button>
          {step === "review"
            ? <button type="button" className={buttonCls} disabled={action.pending || !review} onClick={deploy}>{t("deploy")}</button>
            : <button type="button" className={buttonCls} disabled={action.pending} onClick={next}>{t("next")}</button>}
        </div>
      </div>
    </div>
  );
}
