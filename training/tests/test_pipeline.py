"""Fast checks of the pipeline's deterministic parts (a few seconds on CPU).

    PYTHONPATH=$PWD /usr/bin/python3 -m unittest discover -s training/tests -t . -v

Needs Debian python3-torch, python3-numpy, python3-scipy and espeak-ng (libespeak-ng). Not part
of the app's CI: training/ is run by hand (see training/README.md).
"""
import unittest

import numpy as np
import torch

from training.config import HOP, N_FFT, SIZES
from training.data.align import id_durations
from training.data.build_corpus import is_test
from training.data.normalize import cardinal, normalize, ordinal, spoken_words, year
from training.data.phonemize import Espeak, build_phoneme_id_map, phoneme_ids
from training.model.acoustic import StudentTTS, regulate
from training.model.istft import ConvISTFT


class NormalizeTest(unittest.TestCase):
    def test_numbers_become_words(self):
        self.assertEqual(cardinal(1_250_000), "one million two hundred fifty thousand")
        self.assertEqual(ordinal(21), "twenty first")
        self.assertEqual(ordinal(12), "twelfth")
        self.assertEqual(year(1905), "nineteen oh five")
        self.assertEqual(year(2024), "twenty twenty four")

    def test_sentence_keeps_clause_punctuation_and_expands_symbols(self):
        out = normalize("On March 2nd, 1966, Dr. Smith paid $4.50 at 7:05 pm -- 12% more?")
        self.assertEqual(out, "On March second, nineteen sixty six, doctor Smith paid four dollars and "
                              "fifty cents at seven oh five p m, twelve percent more?")
        self.assertNotRegex(out, r"\d")

    def test_reference_words(self):
        self.assertEqual(spoken_words("It's 3 o'clock."), ["it's", "three", "o'clock"])


class PhonemeIdTest(unittest.TestCase):
    def test_piper_layout(self):
        id_map = build_phoneme_id_map()
        self.assertEqual((id_map["_"], id_map["^"], id_map["$"]), ([0], [1], [2]))
        ids = phoneme_ids("ab", id_map)
        self.assertEqual(ids, [1, 0, id_map["a"][0], 0, id_map["b"][0], 0, 2])

    def test_espeak_keeps_clause_punctuation(self):
        ipa = Espeak().ipa("Hello, world! How are you?")
        self.assertEqual(ipa.count(","), 1)
        self.assertTrue(ipa.endswith("?"))
        self.assertIn("!", ipa)


class AlignTest(unittest.TestCase):
    def test_every_frame_lands_on_an_id_and_pauses_on_boundaries(self):
        id_map = build_phoneme_id_map()
        ipa = "hɛlˈoʊ, wˈɜːld."
        phones = [["pau", 0.2], ["hh", 0.3], ["eh", 0.4], ["l", 0.5], ["ow", 0.7], ["pau", 0.9],
                  ["w", 1.0], ["er", 1.2], ["l", 1.3], ["d", 1.4], ["pau", 1.6]]
        fps = 22050 / HOP
        n_frames = round(1.6 * fps)
        ids, durs, cost = id_durations(ipa, id_map, phones, n_frames, fps)
        self.assertEqual(int(durs.sum()), n_frames)
        self.assertLess(cost, 0.05)
        self.assertEqual(int(durs[0]), round(0.2 * fps))            # leading pause -> '^'
        inverse = {v[0]: k for k, v in id_map.items()}
        for i, d in zip(ids, durs):
            if inverse[int(i)] in ("_", "ˈ", "ː"):
                self.assertEqual(int(d), 0)

    def test_split_is_a_pure_function_of_the_sentence(self):
        self.assertEqual(is_test("a fixed sentence", 50), is_test("a fixed sentence", 50))


class ModelTest(unittest.TestCase):
    def test_istft_inverts_torch_stft(self):
        x = torch.randn(2, HOP * 30)
        spec = torch.stft(x, N_FFT, HOP, window=torch.hann_window(N_FFT), center=True, return_complex=True)
        y = ConvISTFT(N_FFT, HOP)(spec.real[..., :30], spec.imag[..., :30])[:, 0]
        self.assertLess((y - x).abs().max().item(), 1e-4)

    def test_regulate_repeats_tokens_by_duration(self):
        h = torch.arange(3, dtype=torch.float32).view(1, 1, 3)
        feats, mask, position, _ = regulate(h, torch.tensor([[2, 0, 3]]), torch.tensor(6))
        self.assertEqual(feats[0, 0].tolist(), [0, 0, 2, 2, 2, 0])
        self.assertEqual(mask[0, 0].tolist(), [1, 1, 1, 1, 1, 0])
        self.assertAlmostEqual(position[0, 0, 3].item(), 1 / 3, places=5)

    def test_window_audio_matches_full_waveform(self):
        torch.manual_seed(0)
        model = StudentTTS(SIZES["tiny"]).eval()
        ids = torch.randint(3, 100, (1, 40))
        durs = torch.randint(1, 4, (1, 40))
        total = int(durs.sum())
        with torch.no_grad():
            _, _, spec, _ = model(ids, torch.ones(1, 1, 40), durs, torch.tensor(total))
            full = model.istft(*spec)[0, 0]
            window = model.window_audio(spec, 0, 10, 8, total)
        np.testing.assert_allclose(window.numpy(), full[10 * HOP:18 * HOP].numpy(), atol=1e-5)

    def test_length_scale_lengthens_speech(self):
        torch.manual_seed(0)
        model = StudentTTS(SIZES["tiny"]).eval()
        with torch.no_grad():
            model.dur_out.bias.fill_(1.5)
        ids = torch.randint(3, 100, (1, 30))
        slow = model.infer(ids, 2.0)[0].shape[-1]
        normal = model.infer(ids, 1.0)[0].shape[-1]
        self.assertGreater(slow, 1.6 * normal)


if __name__ == "__main__":
    unittest.main()
