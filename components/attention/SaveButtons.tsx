"use client";
// "SVG로 저장" / "PNG로 저장" for the view inside `target` (its first <svg>, or the one matching `selector`).
import { useState, type RefObject } from "react";
import { savePng, saveSvg } from "./save";

export function SaveButtons({ target, name, selector = "svg" }: { target: RefObject<HTMLElement | null>; name: string; selector?: string }) {
  const [error, setError] = useState<string | null>(null);
  const svg = () => {
    const el = target.current?.querySelector(selector);
    if (!(el instanceof SVGSVGElement)) throw new Error("저장할 그림이 아직 없습니다");
    return el;
  };
  const act = async (f: (s: SVGSVGElement) => void | Promise<void>) => {
    try {
      setError(null);
      await f(svg());
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <span className="att-save" role="group" aria-label="그림 저장">
      <button type="button" data-testid="att-save-svg" onClick={() => void act((s) => saveSvg(s, name))}>SVG</button>
      <button type="button" data-testid="att-save-png" onClick={() => void act((s) => savePng(s, name))}>PNG</button>
      {error ? <span className="att-save-error" role="alert">{error}</span> : null}
    </span>
  );
}
