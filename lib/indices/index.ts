/**
 * Agglomeration measures, composite indices, coupling coordination, growth arithmetic and certification rules
 * (issue 5). One concept per file; pure numeric cores under DataFrame-facing wrappers.
 */
// agglomeration: location quotients and concentration / specialization measures
export { locationQuotient, locationQuotientWide, locationQuotientCore } from "./locationQuotient";
export type { LocationQuotientOptions, LocationQuotientWideOptions } from "./locationQuotient";
export type { LongTableColumns } from "./longTable";
export { hoover } from "./hoover";
export { locationalGini, locationalGiniCore } from "./locationalGini";
export { herfindahl, herfindahlCore } from "./herfindahl";
export type { HerfindahlOptions } from "./herfindahl";
export { krugmanSpecialization } from "./krugmanSpecialization";
export type { KrugmanSpecializationOptions } from "./krugmanSpecialization";
export { ellisonGlaeser } from "./ellisonGlaeser";
export type { EllisonGlaeserOptions, EllisonGlaeserResult } from "./ellisonGlaeser";
// composite indices
export type { Direction, DirectionSpec, TieMethod } from "./internal";
export { normalize, normalizeCore } from "./normalize";
export type { NormalizeMethod, NormalizeOptions } from "./normalize";
export { entropyWeights, entropyCore } from "./entropyWeights";
export type { EntropyWeightsOptions, EntropyWeightsResult, EntropyWeightsGroup } from "./entropyWeights";
export { topsis } from "./topsis";
export type { TopsisOptions, TopsisResult } from "./topsis";
export { composite } from "./composite";
export type { CompositeOptions, CompositeResult } from "./composite";
// coupling coordination
export { couplingCoordination, couplingDegree } from "./couplingCoordination";
export type { CouplingVariant, CouplingTwoInput, CouplingManyInput, CouplingCoordinationResult } from "./couplingCoordination";
export { COORDINATION_CLASSES, COORDINATION_CLASSES_RIGHT_CLOSED } from "./coordinationClasses";
export type { CoordinationClass, CoordinationClassTable } from "./coordinationClasses";
export { classifyCoordination } from "./classifyCoordination";
export type { ClassifyCoordinationOptions, CoordinationClassification, SubsystemNames } from "./classifyCoordination";
// growth arithmetic
export { cagr, yearsToDouble, requiredRate, compound } from "./growth";
// certification rules
export { certify, evaluateCriterion } from "./certify";
export type {
  CertificationCriteria, CertificationCriterion, ZoneTypeCriteria, CertifyOptions, CertifyResult,
  CertificationResult, ZoneCertification, CriterionOp, CriterionStatus,
} from "./certify";
