// The five insurance kinds of 职工社会保险. 生育 is collected with 医疗 where the region merged them
// (国办发〔2019〕10号); the region table says which.
export const insuranceKinds = [
  'pension',
  'medical',
  'unemployment',
  'injury',
  'maternity',
] as const;
export type InsuranceKind = (typeof insuranceKinds)[number];

/** Which kinds a person is insured for (险种 flags). */
export type KindFlags = Record<InsuranceKind, boolean>;

export const allKinds: Readonly<KindFlags> = Object.freeze({
  pension: true,
  medical: true,
  unemployment: true,
  injury: true,
  maternity: true,
});

export const noKinds: Readonly<KindFlags> = Object.freeze({
  pension: false,
  medical: false,
  unemployment: false,
  injury: false,
  maternity: false,
});

export function anyKind(flags: KindFlags): boolean {
  return flags.pension || flags.medical || flags.unemployment || flags.injury || flags.maternity;
}

/** 工伤 industry risk classes 1–8 (人社部发〔2015〕71号). */
export const injuryClasses = [1, 2, 3, 4, 5, 6, 7, 8] as const;
export type InjuryClass = (typeof injuryClasses)[number];
