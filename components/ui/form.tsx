"use client";
import { useState } from "react";

export const inputCls = "block w-full rounded-md border border-slate-300 px-3 py-1.5 text-sm focus:border-brand-500 focus:outline-none focus:ring-1 focus:ring-brand-500 disabled:bg-slate-50";
export const buttonCls = "inline-flex items-center justify-center whitespace-nowrap rounded-md bg-brand-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-brand-700 disabled:opacity-50";
export const secondaryCls = "inline-flex items-center justify-center whitespace-nowrap rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50 disabled:opacity-50";
export const dangerCls = "inline-flex items-center justify-center whitespace-nowrap rounded-md bg-rose-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-rose-700 disabled:opacity-50";

export function Field({ label, error, children, hint }: { label: string; error?: string; hint?: string; children: React.ReactNode }) {
  return (
    <label className="block text-sm">
      <span className="font-medium text-slate-700">{label}</span>
      <div className="mt-1">{children}</div>
      {hint && !error && <span className="mt-1 block text-xs text-slate-500">{hint}</span>}
      {error && <span role="alert" className="mt-1 block text-xs text-rose-700">{error}</span>}
    </label>
  );
}

/** Runs an async action with pending state and a message for the person. */
export function useAction() {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  async function run<T>(fn: () => Promise<T>): Promise<T | undefined> {
    setPending(true);
    setError(null);
    setFields({});
    try {
      return await fn();
    } catch (e) {
      setError((e as Error).message);
      setFields((e as { fields?: Record<string, string> }).fields ?? {});
      return undefined;
    } finally {
      setPending(false);
    }
  }
  return { pending, error, fields, run, setError };
}

/** A destructive action that asks the person to type a name before it is enabled. */
export function TypeToConfirm({ name, label, confirmLabel, cancelLabel, onConfirm, onCancel, pending, children }: {
  name: string;
  label: string;
  confirmLabel: string;
  cancelLabel: string;
  pending: boolean;
  onConfirm: (typed: string) => void;
  onCancel: () => void;
  children?: React.ReactNode;
}) {
  const [typed, setTyped] = useState("");
  return (
    <div role="dialog" aria-label={confirmLabel} className="rounded-md border border-rose-200 bg-rose-50 p-4">
      {children}
      <Field label={label}>
        <input className={inputCls} value={typed} onChange={(e) => setTyped(e.target.value)} aria-label={label} autoFocus />
      </Field>
      <div className="mt-3 flex gap-2">
        <button type="button" className={dangerCls} disabled={typed !== name || pending} onClick={() => onConfirm(typed)}>{confirmLabel}</button>
        <button type="button" className={secondaryCls} onClick={onCancel}>{cancelLabel}</button>
      </div>
    </div>
  );
}
