/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  experimental: {
    // Seed files are uploaded through server actions.
    serverActions: { bodySizeLimit: "60mb" },
    // Pages refuse a role with forbidden() (app/forbidden.tsx).
    authInterrupts: true,
  },
};

export default nextConfig;
