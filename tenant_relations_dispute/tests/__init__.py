# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import test_access_matrix_dispute, test_dispute_ladder, test_resident_data
from . import test_dispute_agreement
