// Tasjil app: the receipt's QR code of the reference, encoded by qr-code-generator (Debian
// source package), drawn by the app and written as SVG for the printed receipt.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace tasjil::app {

struct QrMatrix {
    int size = 0;               // modules per side (0 when the text could not be encoded)
    std::vector<bool> modules;  // row-major, true = dark
};

// Byte mode, error correction M (the code stays readable with 15 % of it damaged).
QrMatrix EncodeQr(std::string_view text);
// A standalone SVG of the code with its quiet zone, one path, crisp at any print size.
std::string QrSvg(const QrMatrix& qr);

}  // namespace tasjil::app
