// The `data` namespace of reglab. Each concept lives in its own file and is re-exported here.
export { load, datasetNames, readManifest, defaultDataDir, sha256 } from './datasets';
export type { Dataset, DatasetName, LoadOptions, Manifest, DataFrameLike } from './datasets';
export { trainTestSplit, kFold } from './split';
export type { TrainTestSplitOptions, TrainTestSplit, KFoldOptions, Fold } from './split';
export { standardScaler, minMaxScaler, StandardScaler, MinMaxScaler } from './scale';
export type { Scaler, StandardScalerOptions, MinMaxScalerOptions } from './scale';
export { toTensors } from './tensors';
export type { ToTensorsOptions, Tensors } from './tensors';
export { polynomialData, sparseLinear, twoMoons, spirals } from './synthetic';
export type {
  PolynomialDataOptions, CurveData, SparseLinearOptions, SparseLinearData, ClassificationData,
  TwoMoonsOptions, SpiralsOptions,
} from './synthetic';
export { syntheticSpectrograms } from './synthetic-spectrograms';
export type { SyntheticSpectrogramsOptions, SpectrogramData } from './synthetic-spectrograms';
export { loadMnist, cachedDownload, defaultCacheDir, mnistSources } from './mnist';
export type { LoadMnistOptions, MnistData, MnistVariant, MnistFile, ImageSet } from './mnist';
export { sealTestSet } from './sealed-test-set';
export type { SealedTestSet } from './sealed-test-set';
