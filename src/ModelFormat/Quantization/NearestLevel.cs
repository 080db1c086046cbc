namespace RtDenoise.ModelFormat.Quantization;

/// <summary>
/// Nearest-value encoder over an arbitrary finite set of representable values (vbs and lut grids).
/// Ties go to the smaller value; among equal values the smallest code wins, so encoding is deterministic.
/// </summary>
internal sealed class NearestLevel
{
    private readonly float[] _values;
    private readonly byte[] _codes;
    private int _count;

    public NearestLevel(int capacity)
    {
        _values = new float[capacity];
        _codes = new byte[capacity];
    }

    /// <summary>Resets the set to the given (value, code) pairs.</summary>
    public void Set(ReadOnlySpan<float> values, ReadOnlySpan<byte> codes)
    {
        values.CopyTo(_values);
        codes.CopyTo(_codes);
        int n = values.Length;
        // Sort by (value, code); insertion sort: at most 256 entries, done once per candidate grid.
        for (int i = 1; i < n; i++)
        {
            float v = _values[i];
            byte c = _codes[i];
            int j = i - 1;
            while (j >= 0 && (_values[j] > v || (_values[j] == v && _codes[j] > c)))
            {
                _values[j + 1] = _values[j];
                _codes[j + 1] = _codes[j];
                j--;
            }

            _values[j + 1] = v;
            _codes[j + 1] = c;
        }

        // Drop duplicate values, keeping the smallest code.
        int k = 0;
        for (int i = 0; i < n; i++)
        {
            if (k == 0 || _values[i] != _values[k - 1])
            {
                _values[k] = _values[i];
                _codes[k] = _codes[i];
                k++;
            }
        }

        _count = k;
    }

    /// <summary>Index (into the sorted set) of the value nearest to x.</summary>
    public int Nearest(float x)
    {
        int lo = 0, hi = _count - 1;
        if (x <= _values[0])
        {
            return 0;
        }

        if (x >= _values[hi])
        {
            return hi;
        }

        while (hi - lo > 1)
        {
            int mid = (lo + hi) >>> 1;
            if (_values[mid] <= x)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        // _values[lo] <= x < _values[hi]; compare distances in double so the tie rule is exact.
        double dl = (double)x - _values[lo], dh = (double)_values[hi] - x;
        return dh < dl ? hi : lo;
    }

    public float Value(int index) => _values[index];

    public byte Code(int index) => _codes[index];
}
