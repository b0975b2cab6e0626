import type { Metadata } from "next";
import { BackendDiagnostics } from "@/components/diagnostics/BackendDiagnostics";

export const metadata: Metadata = {
  title: "백엔드 진단",
  description: "WebGPU·WebGL·WASM이 CPU와 같은 손실과 기울기를 계산하는지 작은 BERT로 확인합니다",
};

export default function DiagnosticsPage() {
  return <BackendDiagnostics />;
}
