/** The mini-program has its validation in the main package already (see load-validate.h5.ts). */
import { validate } from './validate'

export const loadValidate = (): Promise<typeof validate> => Promise.resolve(validate)
