import { expect } from 'chai';
import { agreementAcrossPerspectives, agreementBetween, quadraticAc2, quadraticKappa, type Ac2Result, type KappaResult, type PairAgreement } from '../../../assessments/calibration/agreement.ts';

/**
 * Worked tables. Every expected kappa below was derived twice:
 *
 * 1. By hand. With quadratic weights w(i, j) = (i − j)² / 9 the 1/9 and the 1/n of the proportions
 *    cancel, so kappa = 1 − Σ d² / E, where d is each pair's difference and
 *    E = Σ_i Σ_j r_i c_j (i − j)² / n = Σa² + Σb² − 2 (Σa)(Σb) / n (r, c: each perspective's counts
 *    per score; a, b: their scores).
 * 2. Independently, with sklearn 1.x cohen_kappa_score(weights='quadratic') (scikit-learn 1.9.1):
 *    `cohen_kappa_score(a, b, weights='quadratic', labels=[1, 2, 3, 4])`, run in a throwaway
 *    script; its output is pasted beside each table.
 */
const criteria = [
  'partner-engagement', 'strategy-and-plans', 'place-and-neighbourhood', 'prevention-shift', 'regional-support',
  'priorities-in-practice', 'mutual-accountability', 'learning-culture', 'hosc-effectiveness',
] as const;

function scoresOf(values: ReadonlyArray<number | null>): Record<string, number | null> {
  return Object.fromEntries(values.map((value, index) => [criteria[index] as string, value]));
}

function computed(kappa: KappaResult): Extract<KappaResult, { status: 'computed' }> {
  if (kappa.status !== 'computed') throw new Error(`expected a computed kappa, got ${kappa.status}`);
  return kappa;
}

function computedAc2(ac2: Ac2Result): Extract<Ac2Result, { status: 'computed' }> {
  if (ac2.status !== 'computed') throw new Error(`expected a computed AC2, got ${ac2.status}`);
  return ac2;
}

function pair(results: PairAgreement[], first: string, second: string): PairAgreement {
  const found = results.find((result) => result.first === first && result.second === second);
  if (found === undefined) throw new Error(`no ${first}–${second} pair`);
  return found;
}

/*
 * One assessment used by the worked tables (null: not assessed by that perspective).
 *
 * | criterion               | self | peer | assessor |
 * |-------------------------|------|------|----------|
 * | partner-engagement      |  3   |  4   |    3     |
 * | strategy-and-plans      |  3   |  3   |    2     |
 * | place-and-neighbourhood |  2   |  –   |    2     |
 * | prevention-shift        |  4   |  3   |    3     |
 * | regional-support        |  3   |  2   |    3     |
 * | priorities-in-practice  |  2   |  2   |    1     |
 * | mutual-accountability   |  3   |  –   |    3     |
 * | learning-culture        |  4   |  4   |    4     |
 * | hosc-effectiveness      |  1   |  –   |    2     |
 */
const self = scoresOf([3, 3, 2, 4, 3, 2, 3, 4, 1]);
const peer = scoresOf([4, 3, null, 3, 2, 2, null, 4, null]);
const assessor = scoresOf([3, 2, 2, 3, 3, 1, 3, 4, 2]);

describe('calibration: agreement between perspectives', () => {
  describe('worked tables', () => {
    const results = agreementAcrossPerspectives({ self, peer, assessor }, { minimumPairs: 5 });

    it('table A, self–assessor over 9 criteria: kappa 0.71875', () => {
      /*
       * self     a: 3 3 2 4 3 2 3 4 1   Σa = 25, Σa² = 77
       * assessor b: 3 2 2 3 3 1 3 4 2   Σb = 23, Σb² = 65
       * d = a − b:  0 1 0 1 0 1 0 0 −1  Σd² = 4; exact 5/9; within one 9/9
       * E = 77 + 65 − 2 × 25 × 23 / 9 = 142 − 1150/9 = 128/9
       * kappa = 1 − 4 / (128/9) = 1 − 36/128 = 0.71875
       * sklearn 1.x cohen_kappa_score(weights='quadratic'): 0.71875
       */
      const result = pair(results, 'self', 'assessor');
      expect(result.pairs).to.equal(9);
      expect(result.criteria).to.deep.equal([...criteria]);
      expect(result.exactAgreement?.value).to.be.closeTo(5 / 9, 1e-12);
      expect(result.exactAgreement?.display).to.equal('56%');
      expect(result.withinOneAgreement).to.deep.equal({ value: 1, display: '100%' });
      const kappa = computed(result.kappa);
      expect(kappa.value).to.be.closeTo(0.71875, 1e-12);
      expect(kappa.rounded).to.equal(0.72);
      expect(kappa.display).to.equal('0.72');
      // In proportions with w = (i − j)² / 9: observed 4 / (9 × 9), expected 128 / (9 × 81).
      expect(kappa.observedDisagreement).to.be.closeTo(4 / 81, 1e-12);
      expect(kappa.expectedDisagreement).to.be.closeTo(128 / 729, 1e-12);
    });

    it('table B, peer–assessor over the 6 criteria both scored: kappa 0.6', () => {
      /*
       * peer     a: 4 3 3 2 2 4   Σa = 18, Σa² = 58   (partner, strategy, prevention, regional, priorities, learning)
       * assessor b: 3 2 3 3 1 4   Σb = 16, Σb² = 48
       * d = a − b:  1 1 0 −1 1 0  Σd² = 4; exact 2/6; within one 6/6
       * E = 58 + 48 − 2 × 18 × 16 / 6 = 106 − 96 = 10
       * kappa = 1 − 4 / 10 = 0.6
       * sklearn 1.x cohen_kappa_score(weights='quadratic'): 0.6
       */
      const result = pair(results, 'peer', 'assessor');
      expect(result.pairs).to.equal(6);
      expect(result.criteria).to.deep.equal(['partner-engagement', 'strategy-and-plans', 'prevention-shift', 'regional-support', 'priorities-in-practice', 'learning-culture']);
      expect(result.exactAgreement?.value).to.be.closeTo(2 / 6, 1e-12);
      expect(result.exactAgreement?.display).to.equal('33%');
      expect(result.withinOneAgreement?.value).to.equal(1);
      const kappa = computed(result.kappa);
      expect(kappa.value).to.be.closeTo(0.6, 1e-12);
      expect(kappa.display).to.equal('0.60');
    });

    it('table C, self–peer over the 6 criteria both scored: kappa 4/7', () => {
      /*
       * self a: 3 3 4 3 2 4   Σa = 19, Σa² = 63
       * peer b: 4 3 3 2 2 4   Σb = 18, Σb² = 58
       * d:     −1 0 1 1 0 0   Σd² = 3; exact 3/6; within one 6/6
       * E = 63 + 58 − 2 × 19 × 18 / 6 = 121 − 114 = 7
       * kappa = 1 − 3/7 = 4/7 = 0.571428…
       * sklearn 1.x cohen_kappa_score(weights='quadratic'): 0.5714285714285714
       */
      const result = pair(results, 'self', 'peer');
      expect(result.pairs).to.equal(6);
      expect(result.exactAgreement?.value).to.equal(0.5);
      expect(result.withinOneAgreement?.value).to.equal(1);
      const kappa = computed(result.kappa);
      expect(kappa.value).to.be.closeTo(0.5714285714285714, 1e-12);
      expect(kappa.rounded).to.equal(0.57);
    });

    it('table D, strong disagreement: kappa −68/77, shown with a minus sign', () => {
      /*
       * a: 1 2 3 4 4   Σa = 14, Σa² = 46
       * b: 4 3 2 1 1   Σb = 11, Σb² = 31
       * d: −3 −1 1 3 3 Σd² = 29; exact 0/5; within one 2/5
       * E = 46 + 31 − 2 × 14 × 11 / 5 = 77 − 61.6 = 15.4
       * kappa = 1 − 29 / 15.4 = −68/77 = −0.883116…
       * sklearn 1.x cohen_kappa_score(weights='quadratic'): -0.883116883116883
       */
      const result = agreementBetween({ perspective: 'self', scores: scoresOf([1, 2, 3, 4, 4]) }, { perspective: 'assessor', scores: scoresOf([4, 3, 2, 1, 1]) });
      expect(result.exactAgreement?.value).to.equal(0);
      expect(result.withinOneAgreement?.value).to.equal(0.4);
      const kappa = computed(result.kappa);
      expect(kappa.value).to.be.closeTo(-0.883116883116883, 1e-12);
      expect(kappa.rounded).to.equal(-0.88);
      expect(kappa.display).to.equal('\u22120.88');
    });
  });

  describe('edge cases', () => {
    it('maximal disagreement gives kappa −1', () => {
      // a = 1 1 1 4 4 4, b = 4 4 4 1 1 1: Σd² = 54; E = 51 + 51 − 2 × 15 × 15 / 6 = 27; kappa = 1 − 54/27 = −1.
      // sklearn 1.x cohen_kappa_score(weights='quadratic'): -1.0
      const kappa = computed(quadraticKappa([[1, 4], [1, 4], [1, 4], [4, 1], [4, 1], [4, 1]]));
      expect(kappa.value).to.be.closeTo(-1, 1e-12);
      expect(kappa.display).to.equal('\u22121.00');
    });

    it('perfect agreement gives kappa 1', () => {
      // Σd² = 0 and E = 2 × (1 + 4 + 9 + 16 + 9) − 2 × 13² / 5 = 78 − 67.6 = 10.4 > 0. sklearn: 1.0
      const scores = scoresOf([1, 2, 3, 4, 3]);
      const result = agreementBetween({ perspective: 'peer', scores }, { perspective: 'assessor', scores });
      expect(computed(result.kappa).value).to.equal(1);
      expect(result.exactAgreement?.display).to.equal('100%');
    });

    it('all scores equal on both sides: kappa is not computable (no division by zero)', () => {
      // E = 45 + 45 − 2 × 15 × 15 / 5 = 0. sklearn 1.x returns nan with a warning here.
      const scores = scoresOf([3, 3, 3, 3, 3, 3, 3, 3, 3]);
      const result = agreementBetween({ perspective: 'self', scores }, { perspective: 'assessor', scores });
      expect(result.exactAgreement?.value).to.equal(1);
      expect(result.kappa.status).to.equal('not-computable');
      expect(result.kappa).to.include({ pairs: 9, display: 'Not computable' });
      expect(JSON.stringify(result)).to.not.match(/NaN|Infinity|null,"display":"NaN/);
    });

    it('both constant but on different scores: kappa 0, not a division by zero', () => {
      // a = 3 × 5, b = 2 × 5: Σd² = 5; E = 45 + 20 − 2 × 15 × 10 / 5 = 5; kappa = 1 − 5/5 = 0. sklearn: 0.0
      const kappa = computed(quadraticKappa([[3, 2], [3, 2], [3, 2], [3, 2], [3, 2]]));
      expect(kappa.value).to.be.closeTo(0, 1e-12);
      expect(kappa.display).to.equal('0.00');
    });

    it('one side constant: kappa 0', () => {
      // a = 3 3 3 3 3, b = 2 3 4 3 3: Σd² = 2; E = 45 + 47 − 2 × 15 × 15 / 5 = 2; kappa 0. sklearn: 0.0
      expect(computed(quadraticKappa([[3, 2], [3, 3], [3, 4], [3, 3], [3, 3]])).value).to.be.closeTo(0, 1e-12);
    });

    it('fewer than 5 pairs: too few to compute, with the count; the shares are still given', () => {
      const result = agreementBetween({ perspective: 'self', scores: scoresOf([3, 2, 4, 1]) }, { perspective: 'peer', scores: scoresOf([3, 3, 4, 1, 2]) });
      expect(result.pairs).to.equal(4);
      expect(result.kappa).to.deep.equal({ status: 'too-few-pairs', pairs: 4, minimumPairs: 5, display: 'Too few to compute (4 paired criteria; at least 5 needed)' });
      expect(result.exactAgreement?.value).to.equal(0.75);
      expect(result.withinOneAgreement?.value).to.equal(1);
    });

    it('the minimum comes from the pack (kappaMinimumPairs)', () => {
      const a = scoresOf([1, 2, 3, 4, 3]);
      const b = scoresOf([1, 2, 3, 4, 4]);
      expect(agreementBetween({ perspective: 'self', scores: a }, { perspective: 'peer', scores: b }, { minimumPairs: 6 }).kappa.status).to.equal('too-few-pairs');
      expect(agreementBetween({ perspective: 'self', scores: a }, { perspective: 'peer', scores: b }, { minimumPairs: 5 }).kappa.status).to.equal('computed');
    });

    it('a single perspective: every pair has no pairs, says which perspective is missing, and shows no shares', () => {
      const results = agreementAcrossPerspectives({ self });
      expect(results.map((result) => [result.first, result.second, result.pairs, result.missingPerspectives])).to.deep.equal([
        ['self', 'peer', 0, ['peer']],
        ['self', 'assessor', 0, ['assessor']],
        ['peer', 'assessor', 0, ['peer', 'assessor']],
      ]);
      for (const result of results) {
        expect(result.exactAgreement).to.equal(null);
        expect(result.withinOneAgreement).to.equal(null);
        expect(result.kappa).to.include({ status: 'too-few-pairs', pairs: 0 });
        expect(result.kappa.display).to.equal('Too few to compute (0 paired criteria; at least 5 needed)');
      }
    });

    it('skips criteria not assessed by either side, whether null, "not-assessed" or absent', () => {
      const result = agreementBetween(
        { perspective: 'self', scores: { a: 3, b: null, c: 'not-assessed', d: 2 } },
        { perspective: 'assessor', scores: { a: 3, b: 4, c: 2, e: 1 } },
      );
      expect(result.criteria).to.deep.equal(['a']);
      expect(result.pairs).to.equal(1);
      expect(result.kappa.display).to.equal('Too few to compute (1 paired criterion; at least 5 needed)');
    });

    it('orders criteria as asked (e.g. the manifest order)', () => {
      const result = agreementBetween({ perspective: 'self', scores: { b: 2, a: 3 } }, { perspective: 'peer', scores: { a: 3, b: 2 } }, { criteriaOrder: ['a', 'b'] });
      expect(result.criteria).to.deep.equal(['a', 'b']);
    });

    it('refuses a score off the 4-point scale', () => {
      expect(() => agreementBetween({ perspective: 'self', scores: { a: 5 } }, { perspective: 'peer', scores: { a: 3 } })).to.throw(RangeError, /self score of a/);
      expect(() => agreementBetween({ perspective: 'self', scores: { a: 2.5 } }, { perspective: 'peer', scores: { a: 3 } })).to.throw(RangeError);
    });

    it('kappa does not depend on which perspective is first', () => {
      const swapped = agreementBetween({ perspective: 'assessor', scores: assessor }, { perspective: 'self', scores: self });
      expect(computed(swapped.kappa).value).to.be.closeTo(0.71875, 1e-12);
    });
  });

  /*
   * Gwet's AC2 with quadratic weights, each value derived twice:
   * 1. By hand: w = 1 − d²/9 (1, 8/9, 5/9, 0 for d = 0..3), Σw over the 4 × 4 table = 104/9, so
   *    pe = (104/9) / 12 × Σ π(1 − π) = 26/27 × Σ π(1 − π), π_k = (both sides' count on k) / 2n.
   * 2. Independently with irrCAC 0.4.4 from PyPI, run once:
   *    `python -m venv v && v/bin/pip install irrcac==0.4.4`, then
   *    `CAC(pd.DataFrame({'a': a, 'b': b}), weights='quadratic', categories=[1, 2, 3, 4], digits=10).gwet()['est']`
   *    whose coefficient_value, pa and pe are pasted beside each case.
   */
  describe("Gwet's AC2 (quadratic weights)", () => {
    it('clustered scores, exact on 7 of 9 and within one on all 9: kappa falls below 0, AC2 stays at 0.97', () => {
      /*
       * self a: 3 3 3 3 3 3 3 3 2    peer b: 3 3 3 3 3 3 3 2 3
       * kappa: Σd² = 2; E = 76 + 76 − 2 × 26 × 26 / 9 = 16/9; kappa = 1 − 18/16 = −0.125
       * AC2: pa = (7 + 2 × 8/9) / 9 = 79/81; π3 = 16/18, π2 = 2/18: Σπ(1 − π) = 2 × 8/81 = 16/81;
       *      pe = 26/27 × 16/81 = 416/2187; AC2 = (2133 − 416) / (2187 − 416) = 1717/1771 = 0.969508…
       * irrCAC 0.4.4: coefficient_value 0.9695087521, pa 0.975308642, pe 0.1902149063
       */
      const result = agreementBetween({ perspective: 'self', scores: scoresOf([3, 3, 3, 3, 3, 3, 3, 3, 2]) }, { perspective: 'peer', scores: scoresOf([3, 3, 3, 3, 3, 3, 3, 2, 3]) });
      expect(result.exactAgreement?.value).to.be.closeTo(7 / 9, 1e-12);
      expect(result.withinOneAgreement?.value).to.equal(1);
      expect(computed(result.kappa).value).to.be.closeTo(-0.125, 1e-12);
      const ac2 = computedAc2(result.ac2);
      expect(ac2.value).to.be.closeTo(1717 / 1771, 1e-12);
      expect(ac2.value).to.be.closeTo(0.9695087521, 1e-10);
      expect(ac2.observedAgreement).to.be.closeTo(79 / 81, 1e-12);
      expect(ac2.chanceAgreement).to.be.closeTo(0.1902149063, 1e-10);
      expect(ac2.display).to.equal('0.97');
    });

    it('table A, self–assessor: AC2 53/62 beside kappa 0.71875', () => {
      /*
       * 5 exact, 4 one apart: pa = (5 + 4 × 8/9) / 9 = 77/81
       * counts 1..4: self 1 2 4 2, assessor 1 3 4 1 → π = 2/18, 5/18, 8/18, 3/18
       * Σπ(1 − π) = (2 × 16 + 5 × 13 + 8 × 10 + 3 × 15) / 324 = 222/324; pe = 26/27 × 222/324 = 481/729
       * AC2 = (693 − 481) / (729 − 481) = 212/248 = 53/62 = 0.854838…
       * irrCAC 0.4.4: coefficient_value 0.8548387097, pa 0.950617284, pe 0.6598079561
       */
      const ac2 = computedAc2(pair(agreementAcrossPerspectives({ self, peer, assessor }), 'self', 'assessor').ac2);
      expect(ac2.value).to.be.closeTo(53 / 62, 1e-12);
      expect(ac2.chanceAgreement).to.be.closeTo(0.6598079561, 1e-10);
      expect(ac2.rounded).to.equal(0.85);
    });

    it('all scores equal on both sides: AC2 is 1 where kappa is not computable', () => {
      // pa = 1; π3 = 1, Σπ(1 − π) = 0, pe = 0; AC2 = 1. irrCAC 0.4.4: coefficient_value 1.0, pe 0.0
      const scores = scoresOf([3, 3, 3, 3, 3]);
      const result = agreementBetween({ perspective: 'self', scores }, { perspective: 'assessor', scores });
      expect(result.kappa.status).to.equal('not-computable');
      expect(computedAc2(result.ac2).value).to.equal(1);
    });

    it('opposite ends of the scale: AC2 −13/14', () => {
      // a = 1 4 1 4 1, b = 4 1 4 1 4: pa = 0; π1 = π4 = 1/2, pe = 26/27 × 1/2 = 13/27; AC2 = −(13/27) / (14/27).
      // irrCAC 0.4.4: coefficient_value -0.9285714286, pa 0.0, pe 0.4814814815
      const ac2 = computedAc2(quadraticAc2([[1, 4], [4, 1], [1, 4], [4, 1], [1, 4]]));
      expect(ac2.value).to.be.closeTo(-13 / 14, 1e-12);
      expect(ac2.display).to.equal('\u22120.93');
    });

    it('does not depend on which perspective is first, and needs as many pairs as kappa', () => {
      const swapped = agreementBetween({ perspective: 'assessor', scores: assessor }, { perspective: 'self', scores: self });
      expect(computedAc2(swapped.ac2).value).to.be.closeTo(53 / 62, 1e-12);
      const few = agreementBetween({ perspective: 'self', scores: scoresOf([3, 2, 4, 1]) }, { perspective: 'peer', scores: scoresOf([3, 3, 4, 1]) });
      expect(few.ac2).to.deep.equal({ status: 'too-few-pairs', pairs: 4, minimumPairs: 5, display: 'Too few to compute (4 paired criteria; at least 5 needed)' });
    });
  });
});
