/** What other features may use of questionBank/; everything else in the folder is its own. */
export { useUnitQuestionBank } from './useUnitQuestionBank';
