export interface EnvIdProblem {
  fn: string
  call: string
  problem: string
}
export function checkBundleText(text: string): Array<Omit<EnvIdProblem, 'fn'>>
export function checkBundles(dir: string): EnvIdProblem[]
export function describe(problems: EnvIdProblem[]): string
