import type { Metadata } from "next";
import { GeistMono } from "geist/font/mono";
import { GeistSans } from "geist/font/sans";
import { connection } from "next/server";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Evol Studio", template: "%s · Evol Studio" },
  description: "Grow and curate instruction data with Evol-Instruct.",
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page renders per request, never at build time: its scripts need the
  // request's CSP nonce (proxy.ts), which a prebuilt page cannot carry.
  await connection();
  return (
    <html lang="en" className={`${GeistSans.variable} ${GeistMono.variable}`}>
      <body className="min-h-screen font-sans">{children}</body>
    </html>
  );
}
