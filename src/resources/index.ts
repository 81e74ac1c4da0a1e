import { campaigns } from './campaigns.js'
import { figures } from './figures.js'
import { owners } from './owners.js'
import { platforms } from './platforms.js'
import { regulators } from './regulators.js'
import type { Resource } from './resource.js'
import type { SeedDescription } from './seed-description.js'
import { sources } from './sources.js'
import { violationCategories } from './violation-categories.js'

/** The resources the API serves, in the order the documentation lists them. */
export const resources: Resource[] = [campaigns, figures, regulators, platforms, violationCategories, sources]

/** The kinds of record in seed/, each after the kinds it names (a figure names its campaign), so they load in order. */
export const seedTypesOf = (served: Resource[]): SeedDescription[] => loadOrder([...served.map((resource) => resource.seed), owners])

export const seedTypes = seedTypesOf(resources)

function loadOrder (types: SeedDescription[]): SeedDescription[] {
  const ordered: SeedDescription[] = []
  const placed = new Set<string>()
  while (ordered.length < types.length) {
    const next = types.find((t) => !placed.has(t.type) &&
      Object.values(t.references).every((type) => type === t.type || placed.has(type)))
    if (!next) throw new Error(`The seed types name each other in a circle: ${types.filter((t) => !placed.has(t.type)).map((t) => t.type).join(', ')}`)
    ordered.push(next)
    placed.add(next.type)
  }
  return ordered
}
