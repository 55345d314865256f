/** The part of jstat (no type declarations of its own) that passk uses: Student's t and the normal distribution. */
declare module 'jstat' {
  interface Distribution1 {
    cdf(x: number, df: number): number;
    inv(p: number, df: number): number;
  }
  interface Distribution2 {
    cdf(x: number, mean: number, sd: number): number;
    inv(p: number, mean: number, sd: number): number;
  }
  const jStat: { studentt: Distribution1; normal: Distribution2 };
  export default jStat;
}
