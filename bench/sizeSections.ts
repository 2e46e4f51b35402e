import { bundleBudgets, bundleTargets, devtoolsBudgets } from "./budgets"
import {
  type BundleSize,
  coreAlone,
  coreWithVendor,
  devtoolsInProduction,
  devtoolsPanel,
  dropInSignIn,
  gzipSize,
  hooksKit,
  hooksOnly,
} from "./bundleSize"
import { type Counterpart, peers, peerVersion } from "./peers"
import { kB, ratio, type Section } from "./report"
import { type Vendor, vendors } from "./scenarios"

/** A bundle of ours, named as the tables name it. */
export interface NamedBundle {
  readonly name: string
  readonly size: BundleSize
}

/** Every bundle of ours the tables show, and the largest of each kind (what peers are compared with). */
export interface OurBundles {
  readonly core: NamedBundle
  readonly coreWithVendor: readonly NamedBundle[]
  readonly dropInSignIn: readonly NamedBundle[]
  readonly hooksOnly: NamedBundle
  readonly devtools: Readonly<Record<keyof typeof devtoolsBudgets, NamedBundle>>
  readonly counterparts: Readonly<Record<Counterpart, NamedBundle>>
}

const largest = (bundles: readonly NamedBundle[]): NamedBundle =>
  bundles.reduce((max, bundle) => (bundle.size.gzip > max.size.gzip ? bundle : max))

/** Bundles the core, core + each vendor, the hooks and a drop-in screen per vendor. */
export async function measureOurBundles(): Promise<OurBundles> {
  const named = async (name: string, source: string) => ({ name, size: await gzipSize(source) })
  const perVendor = async (name: (vendor: Vendor) => string, source: (vendor: Vendor) => string) =>
    Promise.all(vendors.map((vendor) => named(name(vendor), source(vendor))))
  const core = await named("@latchkey/core", coreAlone)
  const withVendor = await perVendor((vendor) => `@latchkey/core + /${vendor}`, coreWithVendor)
  const dropIn = await perVendor((vendor) => `drop-in <SignIn> for /${vendor}`, dropInSignIn)
  const hooks = await named("@latchkey/react hooks (no core)", hooksOnly)
  const heaviest = largest(withVendor)
  const heaviestVendor = vendors[withVendor.indexOf(heaviest)] ?? "matrix"
  const kit = await named(`${heaviest.name} + hooks`, hooksKit(heaviestVendor))
  const matrix = withVendor[vendors.indexOf("matrix")] ?? heaviest
  const devtools = {
    inProduction: await named("@latchkey/devtools in a production build", devtoolsInProduction),
    panel: await named("@latchkey/devtools/production (the panel)", devtoolsPanel),
  }
  return {
    core,
    coreWithVendor: withVendor,
    dropInSignIn: dropIn,
    hooksOnly: hooks,
    devtools,
    counterparts: {
      coreWithVendor: heaviest,
      coreWithMatrix: matrix,
      hooksKit: kit,
      dropInSignIn: largest(dropIn),
    },
  }
}

const against = (gzip: number, limit: number, pass: string, fail: string) =>
  `${kB(limit)} ${gzip <= limit ? pass : fail}`

/** Our bundles against the design's targets and the ceilings CI holds. */
export function bundleSection(ours: OurBundles): Section {
  const row = (bundle: NamedBundle, kind?: keyof typeof bundleBudgets) => {
    const target = kind === undefined || kind === "coreAlone" ? undefined : bundleTargets[kind]
    return [
      bundle.name,
      kB(bundle.size.gzip),
      kB(bundle.size.raw),
      bundle.size.onDemandGzip > 0 ? kB(bundle.size.onDemandGzip) : "—",
      target === undefined ? "—" : against(bundle.size.gzip, target, "met", "missed"),
      kind ? against(bundle.size.gzip, bundleBudgets[kind], "ok", "OVER") : "—",
    ]
  }
  return {
    title: "Bundle sizes",
    notes: [
      "esbuild --bundle --minify --format=esm --splitting, react, react-dom and react/jsx-runtime external, each",
      "file gzip -9; `gzip` is what loads up front, `on demand` the chunks behind a dynamic import (SCRAM,",
      "SASLprep). Core + vendor is the whole public surface of both; a drop-in screen is everything but React",
      "(react-query, react-hook-form, resolvers, zod/mini). The devtools' default entry in a production build must",
      "leave the panel out; the panel is measured from /production, React and the core (its peers) excluded.",
      "Ceilings fail CI; their history is in bench/budgets.ts.",
    ],
    columns: ["bundle", "gzip", "minified", "on demand", "target", "ceiling (CI)"],
    rows: [
      row(ours.core, "coreAlone"),
      ...ours.coreWithVendor.map((bundle) => row(bundle, "coreWithVendor")),
      row(ours.hooksOnly),
      ...ours.dropInSignIn.map((bundle) => row(bundle, "dropInSignIn")),
      ...(["inProduction", "panel"] as const).map((kind) => {
        const bundle = ours.devtools[kind]
        return [
          ...row(bundle).slice(0, -1),
          against(bundle.size.gzip, devtoolsBudgets[kind], "ok", "OVER"),
        ]
      }),
    ],
  }
}

/** Each peer bundled the same way, beside the bundle of ours that does the same job. */
export async function peerSection(ours: OurBundles): Promise<Section> {
  const rows = []
  for (const peer of peers) {
    const size = await gzipSize(peer.source)
    const counterpart = ours.counterparts[peer.counterpart]
    rows.push([
      peer.name,
      peerVersion(peer),
      kB(size.gzip),
      counterpart.name,
      kB(counterpart.size.gzip),
      ratio(counterpart.size.gzip / size.gzip),
      peer.includes,
    ])
  }
  return {
    title: "Peers, bundled the same way in the same run",
    notes: [
      "Each peer is a devDependency of the bench only. `ours ÷ theirs` below 1 means Latchkey is smaller.",
      "Headless kits are compared with the largest core + vendor, React kits with it plus the hooks, drop-in",
      "screens with the largest drop-in <SignIn>, matrix-js-sdk with core + /matrix.",
    ],
    columns: [
      "kit",
      "version",
      "gzip",
      "compared with",
      "ours",
      "ours ÷ theirs",
      "what it includes",
    ],
    rows,
  }
}
