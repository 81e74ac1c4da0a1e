// What the dataset says about itself in /v1/dataset and datapackage.json. The licence is an assumption until the
// maintainers confirm it: nothing in the repository named one when releases were introduced.
export const datasetInfo = {
  name: 'censorship-campaigns',
  title: 'State online-censorship campaigns: regulators, platforms, categories and reported figures',
  description: 'Structured, sourced data about state online-censorship campaigns (who ran them, where, against what, ' +
    'and the figures each source reported, in the source\'s own words and hedges).',
  author: 'censorship-campaigns-api contributors',
  licence: { name: 'CC-BY-4.0', title: 'Creative Commons Attribution 4.0', path: 'https://creativecommons.org/licenses/by/4.0/' }
} as const
